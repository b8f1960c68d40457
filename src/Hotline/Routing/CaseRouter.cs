using System.Globalization;
using Hotline.Cases;
using Hotline.Routing.Directory;

namespace Hotline.Routing;

/// <summary>
/// Decides which unit gets a case (SPEC "Routing"): the rule or covering unit, then up the chain to the first unit
/// with an on-duty handler. Pure: the caller passes the current directory, so the same inputs always give the same
/// decision. Which of the unit's handlers takes the case is the load store's choice (<see cref="CaseAssignment"/>).
/// </summary>
public static class CaseRouter
{
    /// <summary>Routes a new case.</summary>
    /// <param name="regionCode">The caller's division code; null or malformed sends the case to the default unit.</param>
    /// <param name="category">A category code; an unknown code matches only rules for any category.</param>
    /// <param name="defaultUnitId">Where cases without a usable region go; null (or unknown) means the first root unit.</param>
    public static RoutingDecision Route(
        UnionDirectory directory,
        string? regionCode,
        string category,
        string? defaultUnitId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(category);

        var reasons = new List<string>();
        if (!CaseCategory.IsKnown(category))
        {
            reasons.Add($"category '{category}' is not a known code; only rules for any category apply");
        }

        var region = regionCode?.Trim();
        UnionUnit target;
        RoutingBasis basis;
        if (string.IsNullOrEmpty(region))
        {
            target = DefaultUnit(directory, defaultUnitId, "no region given", reasons);
            basis = RoutingBasis.Default;
        }
        else if (!RegionCode.TryNormalize(region, out _))
        {
            target = DefaultUnit(directory, defaultUnitId, $"region '{region}' is not a division code", reasons);
            basis = RoutingBasis.Default;
        }
        else if (directory.FindRule(region, category) is { } rule)
        {
            target = directory.GetUnit(rule.UnitId);
            basis = RoutingBasis.Rule;
            reasons.Add($"rule {rule} (/rules/{rule.Index.ToString(CultureInfo.InvariantCulture)}) matches {region} → {Describe(target)}");
        }
        else if (directory.FindCoveringUnit(region) is { } match)
        {
            target = match.Unit;
            basis = RoutingBasis.Coverage;
            reasons.Add($"no rule; region {region} is covered by {Describe(target)} (region {match.MatchedRegion})");
        }
        else
        {
            target = DefaultUnit(directory, defaultUnitId, $"no rule and no unit covers region {region}", reasons);
            basis = RoutingBasis.Default;
        }

        return Staffed(directory, target, basis, reasons);
    }

    /// <summary>Gives a case to a named unit (transfer, reopen), with the same on-duty fallback.</summary>
    public static RoutingDecision RouteToUnit(UnionDirectory directory, string unitId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var target = directory.GetUnit(unitId);
        return Staffed(directory, target, RoutingBasis.Transfer, [$"sent to {Describe(target)}"]);
    }

    /// <summary>
    /// Who must be told of a major incident in a unit (SPEC "Cases", "Routing"): the unit's head,
    /// the parent unit's head, and the higher units' officers linked to the unit. A unit without a
    /// head passes to its nearest ancestor with one. Heads are told whether on duty or not: the
    /// flag decides who takes tasks, not who answers for the unit. Each officer appears once,
    /// under the first reason that applies.
    /// </summary>
    public static IReadOnlyList<NotifiedOfficer> Notify(UnionDirectory directory, string unitId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var told = new List<NotifiedOfficer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        var headUnit = NearestWithHead(directory, directory.GetUnit(unitId));
        if (headUnit is not null)
        {
            Add(directory.HeadsOf(headUnit.Id), NotifyReason.UnitHead, headUnit.Id);
            if (headUnit.ParentId is { } parentId && NearestWithHead(directory, directory.GetUnit(parentId)) is { } parentHeadUnit)
            {
                Add(directory.HeadsOf(parentHeadUnit.Id), NotifyReason.ParentUnitHead, parentHeadUnit.Id);
            }
        }

        Add(directory.ContactsLinkedTo(unitId), NotifyReason.LinkedContact, unitId);
        return told;

        void Add(IEnumerable<UnionOfficer> officers, NotifyReason reason, string via)
        {
            foreach (var officer in officers)
            {
                if (seen.Add(officer.Id))
                {
                    told.Add(new NotifiedOfficer(officer, reason, via));
                }
            }
        }
    }

    private static UnionUnit? NearestWithHead(UnionDirectory directory, UnionUnit unit) =>
        directory.SelfAndAncestors(unit.Id).FirstOrDefault(u => directory.HeadsOf(u.Id).Any());

    private static UnionUnit DefaultUnit(UnionDirectory directory, string? defaultUnitId, string why, List<string> reasons)
    {
        if (defaultUnitId is not null && directory.FindUnit(defaultUnitId) is { } configured)
        {
            reasons.Add($"{why} → default unit {Describe(configured)}");
            return configured;
        }

        // Validation guarantees units and no cycles, so there is at least one root.
        var root = directory.Roots[0];
        reasons.Add(defaultUnitId is null
            ? $"{why} → no default unit configured, root {Describe(root)}"
            : $"{why} → default unit '{defaultUnitId}' is not in the directory, root {Describe(root)}");
        return root;
    }

    /// <summary>The on-duty fallback: the first unit up from <paramref name="target"/> with an on-duty handler.</summary>
    private static RoutingDecision Staffed(UnionDirectory directory, UnionUnit target, RoutingBasis basis, List<string> reasons)
    {
        foreach (var unit in directory.SelfAndAncestors(target.Id))
        {
            // Sorted by id, so the load store's tie-break (lowest id) does not depend on the document's order.
            var handlers = directory.OnDutyHandlersOf(unit.Id).Select(h => h.Id).Order(StringComparer.Ordinal).ToList();
            if (handlers.Count > 0)
            {
                return new RoutingDecision(unit.Id, basis, reasons, handlers);
            }

            reasons.Add(unit.ParentId is { } parentId
                ? $"{Describe(unit)} has no on-duty handler → parent {Describe(directory.GetUnit(parentId))}"
                : $"{Describe(unit)} has no on-duty handler and no parent → left unassigned at {Describe(target)} for its head");
        }

        return new RoutingDecision(target.Id, basis, reasons, []);
    }

    private static string Describe(UnionUnit unit) => $"{unit.Id} ({unit.Name})";
}
