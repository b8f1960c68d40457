using Hotline.Cases;

namespace Hotline.Bulletin;

/// <summary>
/// What a unit head reads each morning: of the cases the unit and its sub-units hold, how many came in and were
/// resolved in the day before, and how many are open and overdue now.
/// </summary>
public sealed record UnitBulletin(int New, int Open, int Overdue, int Resolved)
{
    /// <summary>Counts <paramref name="cases"/> (each the case as it is now, held by one of the units counted) for the day that ends at <paramref name="end"/>.</summary>
    public static UnitBulletin Count(IEnumerable<CaseRecord> cases, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(cases);
        int created = 0, open = 0, overdue = 0, resolved = 0;
        foreach (var record in cases)
        {
            if (record.AssignedAt >= start && record.AssignedAt < end)
            {
                created++;
            }

            if (record.Status is CaseStatus.Assigned or CaseStatus.Acknowledged)
            {
                open++;
                if (IsOverdue(record, end))
                {
                    overdue++;
                }
            }

            if (record.ResolvedAt >= start && record.ResolvedAt < end)
            {
                resolved++;
            }
        }

        return new UnitBulletin(created, open, overdue, resolved);
    }

    private static bool IsOverdue(CaseRecord record, DateTimeOffset at) =>
        record.Status == CaseStatus.Assigned && record.AcknowledgementDueAt <= at;
}
