using System.Globalization;
using Hotline.Cases;
using Microsoft.Extensions.Options;

namespace Hotline.FollowUp;

/// <summary>The due times of a case's windows (SPEC "Follow-up"), and the follow-ups that chase them.</summary>
public sealed class DueTimes(FollowUpIndex followUps, IOptions<FollowUpOptions> options)
{
    /// <summary>The case with its windows counted from its assignment (<see cref="CaseRecord.AssignedAt"/>).</summary>
    public CaseRecord Set(CaseRecord assigned)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        var from = assigned.AssignedAt ?? throw new ArgumentException("Due times count from the assignment.", nameof(assigned));
        return assigned with { AcknowledgementDueAt = from + options.Value.AcknowledgementWindow(assigned.Priority) };
    }

    /// <summary>Schedules the follow-ups of the case's due times; scheduling the same times again changes nothing.</summary>
    public Task ScheduleAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.AcknowledgementDueAt is { } due && record.AcknowledgedAt is null
            ? followUps.ScheduleAsync(FollowUpIndex.AcknowledgementCheck, record.TicketId, due, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>The due times for the audit trail, in China time as officers read them.</summary>
    public string Describe(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"acknowledge by {China(record.AcknowledgementDueAt)} ({Window(options.Value.AcknowledgementWindow(record.Priority))} for {record.Priority})";
    }

    private static string China(DateTimeOffset? at) =>
        at is { } value ? ChinaTime.ToChina(value).ToString("yyyy-MM-dd HH:mm 'China'", CultureInfo.InvariantCulture) : "-";

    private static string Window(TimeSpan window) => window switch
    {
        { TotalDays: >= 1 } when window.Ticks % TimeSpan.TicksPerDay == 0 => $"{window.TotalDays.ToString(CultureInfo.InvariantCulture)} d",
        { TotalHours: >= 1 } when window.Ticks % TimeSpan.TicksPerHour == 0 => $"{window.TotalHours.ToString(CultureInfo.InvariantCulture)} h",
        _ => $"{window.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min",
    };
}
