using Hotline.Intake.WebForm;
using Hotline.Routing.Directory;

namespace Hotline.Routing;

/// <summary>The places a caller can pick, from the directory: every unit's regions, in tree order, indented by depth.</summary>
public static class RegionOptions
{
    private static readonly string[] Suffixes = ["总工会", "工会", " Federation of Trade Unions", " Trade Union"];

    public static IReadOnlyList<RegionOption> From(UnionDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var options = new List<RegionOption>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(UnionUnit unit, int depth)
        {
            var childDepth = depth;
            if (unit.Regions.Count > 0)
            {
                foreach (var code in unit.Regions.Where(seen.Add))
                {
                    options.Add(new RegionOption(code, PlaceName(unit.Name), depth, unit.NameEn is null ? null : PlaceName(unit.NameEn)));
                }

                childDepth = depth + 1;
            }

            foreach (var child in directory.ChildrenOf(unit.Id))
            {
                Visit(child, childDepth);
            }
        }

        foreach (var root in directory.Roots)
        {
            Visit(root, 0);
        }

        return options;
    }

    /// <summary>"临洮县总工会" → "临洮县", "Lintao County Federation of Trade Unions" → "Lintao County": callers pick (and text) a place, not a union.</summary>
    public static string PlaceName(string unitName)
    {
        foreach (var suffix in Suffixes)
        {
            if (unitName.EndsWith(suffix, StringComparison.Ordinal) && unitName.Length > suffix.Length)
            {
                return unitName[..^suffix.Length];
            }
        }

        return unitName;
    }
}
