using Hotline.Routing.Directory;

namespace Hotline.Reports;

public static class OrgChart
{
    /// <summary>Each unit before its sub-units, siblings in directory order: the order of an org chart.</summary>
    public static IEnumerable<UnionUnit> Order(UnionDirectory directory, IReadOnlyCollection<UnionUnit> units)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(units);
        var included = units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        IEnumerable<UnionUnit> Walk(UnionUnit unit) => directory.ChildrenOf(unit.Id).Where(c => included.Contains(c.Id)).SelectMany(Walk).Prepend(unit);
        return units.Where(u => u.ParentId is null || !included.Contains(u.ParentId)).SelectMany(Walk);
    }
}
