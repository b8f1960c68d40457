using Hotline.Callback;
using Hotline.Cases;

namespace Hotline.Reports;

/// <summary>
/// What a case contributes to the report, as a pure function of the case record: the same record always gives the
/// same counts, so projecting a case again (a retry, a repair) changes nothing. Each rate counts a case once, by its
/// latest round: a reopen starts new windows and clears the resolution, and the record keeps only the latest rating.
/// </summary>
public static class CaseFacts
{
    public static IReadOnlyDictionary<UnitDay, ReportCounts> Project(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var unit = record.UnitId ?? UnitDay.NoUnit;
        var facts = new Dictionary<UnitDay, ReportCounts>();
        ReportCounts On(DateTimeOffset at)
        {
            var key = new UnitDay(unit, UnitDay.ChinaDay(at));
            return facts.TryGetValue(key, out var counts) ? counts : facts[key] = new ReportCounts();
        }

        var received = On(record.ReceivedAt);
        received.Add(ReportCounter.Received);
        received.Add(ReportCounter.Status(record.Status));
        received.Add(ReportCounter.Category(record.Category));
        received.Add(ReportCounter.Priority(record.Priority));
        received.Add(ReportCounter.Channel(record.Channel));
        if (record.ReopenCount > 0)
        {
            received.Add(ReportCounter.Reopens, record.ReopenCount);
            received.Add(ReportCounter.ReopenedCases);
        }

        if (record.AssignedAt is { } assignedAt)
        {
            var assigned = On(assignedAt);
            assigned.Add(ReportCounter.Assigned);
            if (record.AcknowledgedAt is { } acknowledgedAt)
            {
                assigned.Add(record.AcknowledgementDueAt is { } due && acknowledgedAt > due ? ReportCounter.AcknowledgedLate : ReportCounter.AcknowledgedOnTime);
            }
        }

        if (record.ResolutionDueAt is { } resolutionDueAt)
        {
            var due = On(resolutionDueAt);
            due.Add(ReportCounter.ResolutionDue);
            if (record.ResolvedAt is { } resolvedAt)
            {
                due.Add(resolvedAt > resolutionDueAt ? ReportCounter.ResolvedLate : ReportCounter.ResolvedOnTime);
            }
        }

        if (record is { Rating: { } rating, RatedAt: { } ratedAt })
        {
            var rated = On(ratedAt);
            rated.Add(ReportCounter.Rated);
            rated.Add(ReportCounter.Rating(rating));
            if (rating >= SurveyCaseChanges.ClosingRating)
            {
                rated.Add(ReportCounter.Satisfied);
            }
        }

        return facts;
    }

    /// <summary>The case as the overdue list keeps it while a unit handles it; null once it is resolved, closed or not yet routed.</summary>
    public static OpenCase? Open(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!CaseStatus.IsBeingHandled(record.Status) || record.UnitId is not { } unitId)
        {
            return null;
        }

        return new OpenCase(
            record.TicketId,
            unitId,
            record.UnitName,
            record.Status,
            record.Category,
            record.Priority,
            record.ReceivedAt,
            record.AcknowledgedAt is null ? record.AcknowledgementDueAt : null,
            record.ResolutionDueAt,
            record.Revision);
    }
}
