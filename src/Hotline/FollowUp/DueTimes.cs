using System.Globalization;
using Hotline.Cases;
using Hotline.Officers;
using Microsoft.Extensions.Options;

namespace Hotline.FollowUp;

/// <summary>
/// The due times of a case (SPEC "Follow-up"): acknowledgement (签收) by priority and resolution (办结) by priority and
/// complexity, both counted from the assignment (派单), as 12345 practice counts them, so a transfer or a reopening
/// starts both again and a complexity mark moves only the resolution. Also the follow-ups that chase them.
/// </summary>
public sealed class DueTimes(FollowUpIndex followUps, IOptions<FollowUpOptions> options)
{
    /// <summary>The case with both windows counted from its assignment (<see cref="CaseRecord.AssignedAt"/>).</summary>
    public CaseRecord Set(CaseRecord assigned)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        var from = assigned.AssignedAt ?? throw new ArgumentException("Due times count from the assignment.", nameof(assigned));
        return assigned with
        {
            AcknowledgementDueAt = from + options.Value.AcknowledgementWindow(assigned.Priority),
            ResolutionDueAt = from + ResolutionWindow(assigned),
        };
    }

    /// <summary>The case with its resolution window counted again for its (new) complexity, still from the assignment.</summary>
    public CaseRecord SetResolution(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with { ResolutionDueAt = ResolutionDueAt(record with { ResolutionDueAt = null }) };
    }

    /// <summary>When the case must be resolved; for a case assigned before resolution due times were stored, worked out the same way.</summary>
    public DateTimeOffset ResolutionDueAt(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.ResolutionDueAt ?? (record.AssignedAt ?? record.ReceivedAt) + ResolutionWindow(record);
    }

    /// <summary>
    /// Schedules every stage of the case's open windows (<see cref="DeadlineStages"/>) as rows of the follow-up index;
    /// scheduling the same times again changes nothing. One row per stage, all written when the due times are set,
    /// rather than only the next one written by the handler of the last: a handler then only reads and queues texts,
    /// so a crash or a second run between two stages can never lose the rest of the chase, and the rows of an earlier
    /// due time (a transfer, a complexity mark) need no deleting: their time no longer matches the case, so they do
    /// nothing when they come up (<see cref="DeadlineCheckHandler"/>).
    /// </summary>
    public Task ScheduleAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var rows = new List<Task>();
        foreach (var window in Enum.GetValues<DeadlineWindow>())
        {
            if (!DeadlineStages.OpenStatuses(window).Contains(record.Status) || DeadlineStages.Span(record, window, record.ResolutionDueAt) is not { } span)
            {
                continue;
            }

            // A window's stages share its kind's partition: one transaction writes them all.
            rows.Add(followUps.ScheduleAllAsync(
                DeadlineStages.Kind(window),
                record.TicketId,
                DeadlineStages.All.Select(stage => (DeadlineStages.At(span.From, span.DueAt, stage), (string?)DeadlineStages.Name(stage))),
                cancellationToken));
        }

        return Task.WhenAll(rows);
    }

    /// <summary>Both due times and where they come from, for the audit line of an assignment.</summary>
    public string Describe(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"acknowledge by {China(record.AcknowledgementDueAt)} ({Span(options.Value.AcknowledgementWindow(record.Priority))} for {record.Priority}), {DescribeResolution(record)}";
    }

    /// <summary>The resolution due time and where it comes from; with <paramref name="before"/>, what it was (a complexity mark).</summary>
    public string DescribeResolution(CaseRecord record, CaseRecord? before = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var was = before is null ? "" : $"; was {China(ResolutionDueAt(before))}";
        return $"resolve by {China(record.ResolutionDueAt)} ({Span(ResolutionWindow(record))} from the assignment for {record.Priority}, {record.Complexity ?? "general"}{was})";
    }

    private TimeSpan ResolutionWindow(CaseRecord record) => options.Value.ResolutionWindow(record.Priority, record.Complexity);

    private static string China(DateTimeOffset? at) =>
        at is { } value ? ChinaTime.ToChina(value).ToString("yyyy-MM-dd HH:mm 'China time'", CultureInfo.InvariantCulture) : "-";

    private static string Span(TimeSpan window) => window switch
    {
        _ when window.Ticks % TimeSpan.TicksPerDay == 0 => $"{window.TotalDays.ToString(CultureInfo.InvariantCulture)} d",
        _ when window.Ticks % TimeSpan.TicksPerHour == 0 => $"{window.TotalHours.ToString(CultureInfo.InvariantCulture)} h",
        _ => $"{window.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min",
    };
}
