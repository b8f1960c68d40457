using Hotline.FollowUp;
using Microsoft.Extensions.Options;

namespace Hotline.Retention;

/// <summary>
/// The <c>redact</c> follow-up: one row per closed case, due when its retention period has run out (written by
/// <see cref="RetentionSchedule"/> where a case is saved closed). The loop's cost grows with the cases due, not with
/// the cases stored.
/// </summary>
public sealed class RedactionHandler(CaseRedaction redaction, IOptions<RetentionOptions> options) : IFollowUpHandler
{
    public string Kind => RetentionSchedule.Kind;

    public int? MaxPerRun => options.Value.RedactionsPerMinute;

    public Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        return redaction.RedactAsync(due.Subject, cancellationToken);
    }
}
