using Hotline.Bulletin;
using Hotline.Routing.Directory;

namespace Hotline.Sms.Recipes;

/// <summary>One unit's bulletin of one day (信息通报) for its heads.</summary>
/// <param name="Day">The China date it is for ("2026-11-24"), one text per head and day.</param>
/// <param name="End">The end of the day counted (when it is sent).</param>
public sealed record UnitBulletinDay(UnionUnit Unit, IReadOnlyList<UnionOfficer> Heads, string Day, DateTimeOffset End, UnitBulletin Counts);
