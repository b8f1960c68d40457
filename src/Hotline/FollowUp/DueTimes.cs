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

    /// <summary>Schedules the follow-ups of the case's due times; scheduling the same times again changes nothing.</summary>
    public Task ScheduleAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.AcknowledgementDueAt is { } due && record.AcknowledgedAt is null
            ? followUps.ScheduleAsync(FollowUpIndex.AcknowledgementCheck, record.TicketId, due, cancellationToken)
            : Task.CompletedTask;
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
