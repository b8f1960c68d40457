using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Hotline.Sms.Phones;

namespace Hotline.Routing.Directory;

/// <summary>
/// A checked directory with every index routing needs, built once from one document and never
/// changed afterwards: whoever holds the current directory swaps the whole object, so a router
/// never sees half of an old tree and half of a new one.
/// </summary>
public sealed class UnionDirectory
{
    private readonly FrozenDictionary<string, UnionUnit> _units;
    private readonly FrozenDictionary<string, IReadOnlyList<UnionUnit>> _children;
    private readonly FrozenDictionary<string, int> _depth;
    private readonly FrozenDictionary<string, UnionUnit> _coverage;
    private readonly FrozenDictionary<string, UnionOfficer> _officers;
    private readonly FrozenDictionary<string, UnionOfficer> _officersByPhone;
    private readonly FrozenDictionary<string, IReadOnlyList<UnionOfficer>> _officersByUnit;
    private readonly FrozenDictionary<string, IReadOnlyList<UnionOfficer>> _contactsByLinkedUnit;
    private readonly FrozenDictionary<(string Prefix, string Category), RoutingRule> _rules;

    private UnionDirectory(DirectoryDocument document, IReadOnlyList<DirectoryProblem> warnings)
    {
        Warnings = warnings;
        Units = [.. (document.Units ?? []).Select(u => new UnionUnit(
            u.Id!.Trim(),
            u.Name!.Trim(),
            u.Parent?.Trim(),
            [.. (u.Regions ?? []).Select(r => r.Trim())],
            u.Kind!.Trim(),
            string.IsNullOrWhiteSpace(u.NameEn) ? null : u.NameEn.Trim()))];
        _units = Units.ToFrozenDictionary(u => u.Id, StringComparer.Ordinal);
        Roots = [.. Units.Where(u => u.ParentId is null)];
        _children = Units
            .Where(u => u.ParentId is not null)
            .GroupBy(u => u.ParentId!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<UnionUnit>)[.. g], StringComparer.Ordinal);
        _depth = Units.ToFrozenDictionary(u => u.Id, u => SelfAndAncestors(u.Id).Count() - 1, StringComparer.Ordinal);
        _coverage = Units
            .SelectMany(u => u.Regions.Select(r => (Significant: Significant(r), Unit: u)))
            .ToFrozenDictionary(x => x.Significant, x => x.Unit, StringComparer.Ordinal);

        Officers = [.. (document.Officers ?? []).Select(o => new UnionOfficer(
            o.Id!.Trim(),
            o.Name!.Trim(),
            PhoneNumber.TryNormalize(o.Phone, out var e164) ? e164 : throw new InvalidOperationException("validated phone"),
            o.Unit!.Trim(),
            DirectoryValidator.ParseRole(o.Role) ?? throw new InvalidOperationException("validated role"),
            o.OnDuty,
            [.. (o.ContactUnits ?? []).Select(c => c.Trim()).Distinct(StringComparer.Ordinal)]))];
        _officers = Officers.ToFrozenDictionary(o => o.Id, StringComparer.Ordinal);
        _officersByPhone = Officers.ToFrozenDictionary(o => o.Phone, StringComparer.Ordinal);
        // Sorted by id so every "first" or tie among officers is stable across loads.
        _officersByUnit = Officers
            .GroupBy(o => o.UnitId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<UnionOfficer>)[.. g.OrderBy(o => o.Id, StringComparer.Ordinal)], StringComparer.Ordinal);
        _contactsByLinkedUnit = Officers
            .SelectMany(o => o.ContactUnitIds.Select(unitId => (UnitId: unitId, Officer: o)))
            .GroupBy(x => x.UnitId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<UnionOfficer>)[.. g.Select(x => x.Officer).OrderBy(o => o.Id, StringComparer.Ordinal)], StringComparer.Ordinal);

        Rules = [.. (document.Rules ?? []).Select((r, i) => new RoutingRule(
            DirectoryValidator.NormalizeCategory(r.Category),
            RegionCode.TryNormalizePrefix(r.RegionPrefix, out var prefix) ? prefix : throw new InvalidOperationException("validated prefix"),
            r.Unit!.Trim(),
            i))];
        _rules = Rules.ToFrozenDictionary(r => (r.RegionPrefix, r.Category ?? "*"));
    }

    /// <summary>Units in document order.</summary>
    public IReadOnlyList<UnionUnit> Units { get; }

    /// <summary>Units without a parent, in document order (the demo has one per province).</summary>
    public IReadOnlyList<UnionUnit> Roots { get; }

    /// <summary>Officers in document order.</summary>
    public IReadOnlyList<UnionOfficer> Officers { get; }

    /// <summary>Rules in document order.</summary>
    public IReadOnlyList<RoutingRule> Rules { get; }

    /// <summary>Warnings found when the document was checked; the directory loaded anyway.</summary>
    public IReadOnlyList<DirectoryProblem> Warnings { get; }

    /// <summary>Checks and indexes a document; throws <see cref="InvalidDirectoryException"/> listing every error.</summary>
    public static UnionDirectory Create(DirectoryDocument document) =>
        TryCreate(document, out var directory, out var problems) ? directory : throw new InvalidDirectoryException(problems);

    /// <summary>Checks and indexes a document; <paramref name="problems"/> holds every error and warning either way.</summary>
    public static bool TryCreate(
        DirectoryDocument document,
        [NotNullWhen(true)] out UnionDirectory? directory,
        out IReadOnlyList<DirectoryProblem> problems)
    {
        var result = DirectoryValidator.Validate(document);
        problems = result.Problems;
        directory = result.IsValid ? new UnionDirectory(document, [.. result.Warnings]) : null;
        return directory is not null;
    }

    public UnionUnit? FindUnit(string unitId) => _units.GetValueOrDefault(unitId);

    public UnionUnit GetUnit(string unitId) =>
        _units.TryGetValue(unitId, out var unit) ? unit : throw new KeyNotFoundException($"No unit '{unitId}' in the directory.");

    public UnionUnit? ParentOf(string unitId) =>
        GetUnit(unitId).ParentId is { } parentId ? _units[parentId] : null;

    public IReadOnlyList<UnionUnit> ChildrenOf(string unitId) =>
        _children.TryGetValue(unitId, out var children) ? children : [];

    /// <summary>0 for a root.</summary>
    public int DepthOf(string unitId) => _depth[unitId];

    /// <summary>The unit, its parent, and so on up to the root.</summary>
    public IEnumerable<UnionUnit> SelfAndAncestors(string unitId)
    {
        for (UnionUnit? unit = GetUnit(unitId); unit is not null; unit = unit.ParentId is { } p ? _units[p] : null)
        {
            yield return unit;
        }
    }

    public bool IsSelfOrAncestor(string ancestorId, string unitId) =>
        SelfAndAncestors(unitId).Any(u => u.Id == ancestorId);

    /// <summary>
    /// The deepest unit covering a division code: one of its regions is a prefix of the code.
    /// Null for a malformed code or one that no unit covers.
    /// </summary>
    public RegionMatch? FindCoveringUnit(string? regionCode)
    {
        if (!RegionCode.TryNormalize(regionCode, out var significant))
        {
            return null;
        }

        foreach (var prefix in RegionCode.PrefixesLongestFirst(significant))
        {
            if (_coverage.TryGetValue(prefix, out var unit))
            {
                return new RegionMatch(unit, prefix);
            }
        }

        return null;
    }

    /// <summary>
    /// The rule for a case: the most specific region prefix wins, then a rule for the category over
    /// one for any category. Null for a malformed code or when no rule matches.
    /// </summary>
    public RoutingRule? FindRule(string? regionCode, string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        if (!RegionCode.TryNormalize(regionCode, out var significant))
        {
            return null;
        }

        foreach (var prefix in RegionCode.PrefixesLongestFirst(significant))
        {
            if (_rules.TryGetValue((prefix, category), out var specific))
            {
                return specific;
            }

            if (_rules.TryGetValue((prefix, "*"), out var generic))
            {
                return generic;
            }
        }

        return null;
    }

    public UnionOfficer? FindOfficer(string officerId) => _officers.GetValueOrDefault(officerId);

    /// <summary>The officer registered with a phone, in any format <see cref="PhoneNumber"/> accepts.</summary>
    public UnionOfficer? FindOfficerByPhone(string? phone) =>
        PhoneNumber.TryNormalize(phone, out var e164) ? _officersByPhone.GetValueOrDefault(e164) : null;

    /// <summary>Officers of a unit, sorted by id.</summary>
    /// <summary>The unit and every unit below it, each once.</summary>
    public IEnumerable<UnionUnit> SelfAndDescendants(string unitId)
    {
        var pending = new Stack<UnionUnit>([GetUnit(unitId)]);
        while (pending.TryPop(out var next))
        {
            yield return next;
            foreach (var child in ChildrenOf(next.Id))
            {
                pending.Push(child);
            }
        }
    }

    public IReadOnlyList<UnionOfficer> OfficersOf(string unitId) =>
        _officersByUnit.TryGetValue(unitId, out var officers) ? officers : [];

    /// <summary>The handlers of a unit who can take a case now, sorted by id.</summary>
    public IEnumerable<UnionOfficer> OnDutyHandlersOf(string unitId) =>
        OfficersOf(unitId).Where(o => o.Role == OfficerRole.Handler && o.OnDuty);

    /// <summary>The heads of a unit (on duty or not), sorted by id.</summary>
    public IEnumerable<UnionOfficer> HeadsOf(string unitId) =>
        OfficersOf(unitId).Where(o => o.Role == OfficerRole.Head);

    /// <summary>Officers of higher units linked to this unit (定点联系), sorted by id.</summary>
    public IReadOnlyList<UnionOfficer> ContactsLinkedTo(string unitId) =>
        _contactsByLinkedUnit.TryGetValue(unitId, out var contacts) ? contacts : [];

    private static string Significant(string region) =>
        RegionCode.TryNormalize(region, out var significant) ? significant : throw new InvalidOperationException("validated region");
}
