using Hotline.Cases;

namespace Hotline.Bulletin;

/// <summary>
/// What a unit head reads each morning: of the cases the unit and its sub-units hold, how many came in and were
/// resolved in the day before, how many are open and overdue now, and of the callback surveys answered in the day
/// before, how many were satisfied (rated 3–5).
/// </summary>
public sealed record UnitBulletin(int New, int Open, int Overdue, int Resolved, int Rated, int Satisfied)
{
    /// <summary>Counts <paramref name="cases"/> (each the case as it is now, held by one of the units counted) for the day that ends at <paramref name="end"/>.</summary>
    public static UnitBulletin Count(IEnumerable<CaseRecord> cases, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(cases);
        int created = 0, open = 0, overdue = 0, resolved = 0, rated = 0, satisfied = 0;
        foreach (var record in cases)
        {
            if (record.AssignedAt >= start && record.AssignedAt < end)
            {
                created++;
            }

            if (CaseStatus.IsBeingHandled(record.Status))
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

            if (record.RatedAt >= start && record.RatedAt < end)
            {
                rated++;
                if (record.Rating >= 3)
                {
                    satisfied++;
                }
            }
        }

        return new UnitBulletin(created, open, overdue, resolved, rated, satisfied);
    }

    /// <summary>Past its resolution due time, or still not acknowledged past its acknowledgement due time.</summary>
    private static bool IsOverdue(CaseRecord record, DateTimeOffset at) =>
        record.ResolutionDueAt <= at || (record.Status == CaseStatus.Assigned && record.AcknowledgementDueAt <= at);
}
