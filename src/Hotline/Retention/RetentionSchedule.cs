using Hotline.Cases;
using Hotline.FollowUp;
using Microsoft.Extensions.Options;

namespace Hotline.Retention;

/// <summary>
/// Puts a closed case's redaction in the follow-up index, due <see cref="RetentionOptions.KeepClosedFor"/> after its
/// close, so the due-check loop finds the cases to redact with a range query on the due time, never a scan of cases.
/// The row's key comes from the close time: every save of the same closed case writes the same row.
/// </summary>
public sealed class RetentionSchedule(FollowUpIndex followUps, IOptions<RetentionOptions> options)
{
    public const string Kind = "redact";

    /// <summary>The moment <paramref name="record"/>'s personal data goes; null while it is not closed or already redacted.</summary>
    public DateTimeOffset? RedactionDueAt(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record is { Status: CaseStatus.Closed, ClosedAt: { } closedAt, RedactedAt: null } ? closedAt + options.Value.KeepClosedFor : null;
    }

    /// <summary>Schedules the redaction of a closed case that still holds its personal data; nothing for any other case.</summary>
    public Task ScheduleAsync(CaseRecord record, CancellationToken cancellationToken) =>
        RedactionDueAt(record) is { } dueAt ? ScheduleAsync(record.TicketId, dueAt, cancellationToken) : Task.CompletedTask;

    public Task ScheduleAsync(string ticketId, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        followUps.ScheduleAsync(Kind, ticketId, dueAt, cancellationToken);
}
