using System.Text.RegularExpressions;
using Hotline.Routing;
using Hotline.Routing.Directory;

namespace Hotline.SmsInbound;

/// <summary>
/// Finds the place a caller named in the directory. A unit's place is its name without "总工会" / "工会"
/// ("临洮县洮阳镇总工会" → "临洮县洮阳镇"); a text names it by that whole place, by its last level ("洮阳镇"), or by that
/// level without its suffix when two characters or more remain ("洮阳"). The longest name found wins, then the deepest
/// unit; a tie between units of different places is no answer (the case is routed without a place rather than to a
/// guess). A division code of 6, 9 or 12 digits that a unit covers is taken as it is.
/// </summary>
public static partial class PlaceResolver
{

    /// <summary>The place in a short answer to "where do you work?": a place name, or a division code.</summary>
    public static ResolvedPlace? Resolve(UnionDirectory directory, string text)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length is >= 6 and <= 12 && trimmed.All(char.IsAsciiDigit))
        {
            return directory.FindCoveringUnit(trimmed) is { } match ? new ResolvedPlace(trimmed, match.Unit.Name) : null;
        }

        return Find(directory, trimmed, withStems: true);
    }

    /// <summary>
    /// A place named anywhere in a longer text (a report), by full or last-level name only: digits in a report are
    /// more likely a phone number or a sum, and a bare stem ("安定") is too likely an ordinary word.
    /// </summary>
    public static ResolvedPlace? FindInReport(UnionDirectory directory, string text)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(text);
        return Find(directory, text, withStems: false);
    }

    private static ResolvedPlace? Find(UnionDirectory directory, string text, bool withStems)
    {
        (int Length, int Depth, UnionUnit Unit)? best = null;
        var tied = false;
        foreach (var unit in directory.Units)
        {
            if (unit.Regions.Count == 0)
            {
                continue;
            }

            var length = Names(unit.Name, withStems).Where(n => text.Contains(n, StringComparison.Ordinal)).Select(n => n.Length).DefaultIfEmpty(0).Max();
            if (length == 0)
            {
                continue;
            }

            var candidate = (Length: length, Depth: directory.DepthOf(unit.Id), Unit: unit);
            var order = best is { } b ? (candidate.Length, candidate.Depth).CompareTo((b.Length, b.Depth)) : 1;
            if (order > 0)
            {
                best = candidate;
                tied = false;
            }
            else if (order == 0 && best is { } same && !SamePlace(same.Unit, unit))
            {
                tied = true;
            }
        }

        return best is { } found && !tied ? new ResolvedPlace(found.Unit.Regions[0], found.Unit.Name) : null;
    }

    /// <summary>The names a unit's place goes by; empty for a unit whose name is no place.</summary>
    internal static IEnumerable<string> Names(string unitName, bool withStems)
    {
        // A name that is nothing but "工会" has no place in it.
        var place = RegionOptions.PlaceName(unitName.Trim());
        if (place.EndsWith("工会", StringComparison.Ordinal))
        {
            yield break;
        }

        if (place.Length < 2)
        {
            yield break;
        }

        yield return place;
        var levels = Level().Matches(place);
        if (levels.Count == 0)
        {
            yield break;
        }

        var last = levels[^1].Value;
        yield return last;
        var stem = last[..^levels[^1].Groups["suffix"].Length];
        if (withStems && stem.Length >= 2)
        {
            yield return stem;
        }
    }

    private static bool SamePlace(UnionUnit a, UnionUnit b) => a.Regions.Intersect(b.Regions, StringComparer.Ordinal).Any();

    // One administrative level of a Chinese place name: 省, 市, 县, 区, 旗, 镇, 乡, 街道, 社区, 村 end one.
    [GeneratedRegex("[^省市县区旗镇乡村]+?(?<suffix>街道|社区|省|市|县|区|旗|镇|乡|村)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Level();
}
