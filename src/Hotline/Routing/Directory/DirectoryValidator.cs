using System.Globalization;
using Hotline.Cases;
using Hotline.Sms.Phones;

namespace Hotline.Routing.Directory;

/// <summary>
/// Checks a whole directory document and lists every problem, so an admin fixes a file in one pass
/// (SPEC "Routing": "the error lists every problem"). Errors refuse the document; warnings point at
/// things that route correctly but are probably not what the admin meant.
/// </summary>
public static class DirectoryValidator
{
    private const int MaxIdLength = 64;

    /// <summary>Kinds named in the spec's tree, plus enterprise unions; another kind is only a warning.</summary>
    private static readonly string[] KnownKinds =
        ["province", "city", "county", "district", "township", "street", "village", "community", "industry", "station", "enterprise"];

    public static DirectoryValidationResult Validate(DirectoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<DirectoryProblem>();
        var units = document.Units ?? [];
        var officers = document.Officers ?? [];
        var rules = document.Rules ?? [];

        var unitIndex = CheckUnits(units, problems);
        var parents = CheckParents(units, unitIndex, problems);
        CheckRegions(units, unitIndex, parents, problems);
        CheckOfficers(officers, unitIndex, parents, problems);
        CheckHeads(units, officers, unitIndex, problems);
        CheckRules(rules, unitIndex, problems);

        // Checks run in passes; the admin reads the list in document order.
        return new DirectoryValidationResult(
            [.. problems.Select((p, order) => (p, order)).OrderBy(x => DocumentOrder(x.p.Path)).ThenBy(x => x.order).Select(x => x.p)]);
    }

    /// <summary>Unit ids (first occurrence wins) → position in the document.</summary>
    private static Dictionary<string, int> CheckUnits(IReadOnlyList<UnitEntry> units, List<DirectoryProblem> problems)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (units.Count == 0)
        {
            Error(problems, "/units", "the directory has no units");
        }

        for (var i = 0; i < units.Count; i++)
        {
            var path = $"/units/{i}";
            var unit = units[i];
            if (unit is null)
            {
                Error(problems, path, "must be an object");
                continue;
            }

            if (CheckId(unit.Id, path + "/id", problems) is { } id && !index.TryAdd(id, i))
            {
                Error(problems, path + "/id", $"duplicate unit id '{id}' (first at /units/{index[id]})");
            }

            if (string.IsNullOrWhiteSpace(unit.Name))
            {
                Error(problems, path + "/name", "the unit needs a name");
            }

            if (string.IsNullOrWhiteSpace(unit.Kind))
            {
                Error(problems, path + "/kind", "the unit needs a kind (" + string.Join(", ", KnownKinds) + ")");
            }
            else if (Array.IndexOf(KnownKinds, unit.Kind.Trim()) < 0)
            {
                Warn(problems, path + "/kind", $"'{unit.Kind}' is not a known kind (" + string.Join(", ", KnownKinds) + ")");
            }
        }

        return index;
    }

    /// <summary>Checks parents exist and the parent chain has no cycle; returns unit id → parent id for the units whose parent exists.</summary>
    private static Dictionary<string, string> CheckParents(
        IReadOnlyList<UnitEntry> units, Dictionary<string, int> unitIndex, List<DirectoryProblem> problems)
    {
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            if (units[i] is not { } unit || unit.Parent is null)
            {
                continue;
            }

            var parent = unit.Parent.Trim();
            if (!unitIndex.ContainsKey(parent))
            {
                Error(problems, $"/units/{i}/parent", $"unknown parent unit '{unit.Parent}'");
            }
            else if (unit.Id is { } id && unitIndex.TryGetValue(id.Trim(), out var first) && first == i)
            {
                parents[id.Trim()] = parent;
            }
        }

        // Each cycle is reported once, at its first unit in document order.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, position) in unitIndex.OrderBy(u => u.Value))
        {
            var chain = new List<string> { id };
            var current = id;
            while (parents.TryGetValue(current, out var parent))
            {
                var seen = chain.IndexOf(parent);
                if (seen >= 0)
                {
                    var cycle = chain[seen..];
                    if (cycle.Contains(id) && !reported.Overlaps(cycle))
                    {
                        reported.UnionWith(cycle);
                        Error(problems, $"/units/{position}/parent", "the parent chain is a cycle: " + string.Join(" → ", cycle.Append(parent)));
                    }

                    break;
                }

                chain.Add(parent);
                current = parent;
            }
        }

        return parents;
    }

    private static void CheckRegions(
        IReadOnlyList<UnitEntry> units, Dictionary<string, int> unitIndex, Dictionary<string, string> parents, List<DirectoryProblem> problems)
    {
        var covered = new Dictionary<string, string>(StringComparer.Ordinal);
        var significantByUnit = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            if (units[i] is not { } unit)
            {
                continue;
            }

            var regions = unit.Regions ?? [];
            var mine = new List<string>();
            for (var r = 0; r < regions.Count; r++)
            {
                var path = $"/units/{i}/regions/{r}";
                if (!RegionCode.TryNormalize(regions[r], out var significant))
                {
                    Error(problems, path, $"'{regions[r]}' is not a division code (6, 9 or 12 digits, GB/T 2260 style, e.g. 621124 or 621124100)");
                }
                else if (!covered.TryAdd(significant, path))
                {
                    // One owner per region keeps "the deepest covering unit" unambiguous; a station or
                    // industry union that shares a county is reached through a rule instead.
                    Error(problems, path, $"region {regions[r]} is already covered at {covered[significant]}; a region belongs to one unit (send cases elsewhere with a rule)");
                }
                else
                {
                    mine.Add(significant);
                }
            }

            if (unit.Id is { } id && unitIndex.TryGetValue(id.Trim(), out var first) && first == i)
            {
                significantByUnit[id.Trim()] = mine;
            }
        }

        for (var i = 0; i < units.Count; i++)
        {
            if (units[i]?.Id?.Trim() is not { } id
                || !parents.TryGetValue(id, out var parentId)
                || !significantByUnit.TryGetValue(parentId, out var parentRegions)
                || parentRegions.Count == 0)
            {
                continue;
            }

            var mine = significantByUnit[id];
            for (var r = 0; r < mine.Count; r++)
            {
                if (!parentRegions.Exists(p => mine[r].StartsWith(p, StringComparison.Ordinal)))
                {
                    Warn(problems, $"/units/{i}/regions", $"region {mine[r]} lies outside the regions of parent '{parentId}'");
                }
            }
        }
    }

    private static void CheckOfficers(
        IReadOnlyList<OfficerEntry> officers, Dictionary<string, int> unitIndex, Dictionary<string, string> parents, List<DirectoryProblem> problems)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var phones = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < officers.Count; i++)
        {
            var path = $"/officers/{i}";
            var officer = officers[i];
            if (officer is null)
            {
                Error(problems, path, "must be an object");
                continue;
            }

            if (CheckId(officer.Id, path + "/id", problems) is { } id && !ids.TryAdd(id, i))
            {
                Error(problems, path + "/id", $"duplicate officer id '{id}' (first at /officers/{ids[id]})");
            }

            if (string.IsNullOrWhiteSpace(officer.Name))
            {
                Error(problems, path + "/name", "the officer needs a name");
            }

            // The phone identifies the officer when an SMS command comes in, so it must be valid and unique.
            if (!PhoneNumber.TryNormalize(officer.Phone, out var e164))
            {
                Error(problems, path + "/phone", "not a phone number that can receive SMS (an 11-digit Chinese mobile or E.164, e.g. +8613900000000)");
            }
            else if (!phones.TryAdd(e164, i))
            {
                Error(problems, path + "/phone", $"phone already belongs to /officers/{phones[e164]}");
            }

            var unitId = officer.Unit?.Trim();
            if (string.IsNullOrEmpty(unitId))
            {
                Error(problems, path + "/unit", "the officer needs a unit");
            }
            else if (!unitIndex.ContainsKey(unitId))
            {
                Error(problems, path + "/unit", $"unknown unit '{officer.Unit}'");
            }

            var role = ParseRole(officer.Role);
            if (role is null)
            {
                Error(problems, path + "/role", $"'{officer.Role}' is not a role (handler, head or contact)");
            }

            var links = officer.ContactUnits ?? [];
            for (var c = 0; c < links.Count; c++)
            {
                var linked = links[c]?.Trim();
                if (string.IsNullOrEmpty(linked) || !unitIndex.ContainsKey(linked))
                {
                    Error(problems, $"{path}/contactUnits/{c}", $"unknown unit '{links[c]}'");
                }
                else if (unitId is not null && unitIndex.ContainsKey(unitId) && !IsStrictAncestor(unitId, linked, parents))
                {
                    Warn(problems, $"{path}/contactUnits/{c}", $"'{linked}' is not below the officer's unit '{unitId}'; 定点联系 links a higher unit's officer to lower units");
                }
            }

            if (role == OfficerRole.Contact && links.Count == 0)
            {
                Warn(problems, path + "/contactUnits", "a contact officer linked to no unit is never told anything");
            }
        }
    }

    /// <summary>
    /// A unit without a head is allowed (a village union may be run from the township), but its
    /// escalations then go to the nearest ancestor's head, so the admin is told.
    /// </summary>
    private static void CheckHeads(
        IReadOnlyList<UnitEntry> units, IReadOnlyList<OfficerEntry> officers, Dictionary<string, int> unitIndex, List<DirectoryProblem> problems)
    {
        var withHead = officers
            .Where(o => o is not null && ParseRole(o.Role) == OfficerRole.Head && o.Unit is not null)
            .Select(o => o.Unit!.Trim())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (id, position) in unitIndex.OrderBy(u => u.Value))
        {
            if (!withHead.Contains(id))
            {
                Warn(problems, $"/units/{position}", $"unit '{id}' ({units[position].Name}) has no head; its escalations go to the nearest ancestor's head");
            }
        }
    }

    private static void CheckRules(IReadOnlyList<RuleEntry> rules, Dictionary<string, int> unitIndex, List<DirectoryProblem> problems)
    {
        var seen = new Dictionary<(string Prefix, string Category), int>();
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"/rules/{i}";
            var rule = rules[i];
            if (rule is null)
            {
                Error(problems, path, "must be an object");
                continue;
            }

            var category = NormalizeCategory(rule.Category);
            var categoryOk = category is null || CaseCategory.IsKnown(category);
            if (!categoryOk)
            {
                Error(problems, path + "/category", $"'{rule.Category}' is not a category (" + string.Join(", ", CaseCategory.All) + ", or * for any)");
            }

            var prefixOk = RegionCode.TryNormalizePrefix(rule.RegionPrefix, out var prefix);
            if (!prefixOk)
            {
                Error(problems, path + "/regionPrefix", $"'{rule.RegionPrefix}' is not a region prefix (2, 4, 6, 9 or 12 digits of a division code, e.g. 6211 or 621124)");
            }

            var unitId = rule.Unit?.Trim();
            if (string.IsNullOrEmpty(unitId) || !unitIndex.ContainsKey(unitId))
            {
                Error(problems, path + "/unit", $"unknown unit '{rule.Unit}'");
            }

            if (categoryOk && prefixOk && !seen.TryAdd((prefix, category ?? "*"), i))
            {
                Error(problems, path, $"another rule for {category ?? "*"}@{prefix} is at /rules/{seen[(prefix, category ?? "*")]}; which one applies would be arbitrary");
            }
        }
    }

    /// <summary>Null for "any category": the rule omits it or says "*".</summary>
    internal static string? NormalizeCategory(string? category)
    {
        var trimmed = category?.Trim();
        return trimmed is null or "*" ? null : trimmed;
    }

    internal static OfficerRole? ParseRole(string? role) => role?.Trim() switch
    {
        "handler" => OfficerRole.Handler,
        "head" => OfficerRole.Head,
        "contact" => OfficerRole.Contact,
        _ => null,
    };

    /// <summary>
    /// Ids become Table storage keys and SMS command arguments, so they are kept to letters, digits,
    /// '-', '_' and '.' (Table keys refuse '/', '\', '#', '?' and control characters).
    /// </summary>
    private static string? CheckId(string? id, string path, List<DirectoryProblem> problems)
    {
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            Error(problems, path, "an id is required");
            return null;
        }

        if (trimmed.Length > MaxIdLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            Error(problems, path, $"'{id}' is not a valid id (at most {MaxIdLength.ToString(CultureInfo.InvariantCulture)} letters, digits, '-', '_' or '.')");
            return null;
        }

        return trimmed;
    }

    private static bool IsStrictAncestor(string ancestor, string unit, Dictionary<string, string> parents)
    {
        // Bounded by the number of parents, so a cycle (already reported) cannot loop forever.
        var current = unit;
        for (var steps = 0; steps <= parents.Count && parents.TryGetValue(current, out var parent); steps++)
        {
            if (parent == ancestor)
            {
                return true;
            }

            current = parent;
        }

        return false;
    }

    /// <summary>Section (units, officers, rules) and item position of a problem's path.</summary>
    private static (int Section, int Item) DocumentOrder(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var section = parts[0] switch { "units" => 0, "officers" => 1, _ => 2 };
        var item = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        return (section, item);
    }

    private static void Error(List<DirectoryProblem> problems, string path, string message) =>
        problems.Add(new DirectoryProblem(path, message, ProblemSeverity.Error));

    private static void Warn(List<DirectoryProblem> problems, string path, string message) =>
        problems.Add(new DirectoryProblem(path, message, ProblemSeverity.Warning));
}
