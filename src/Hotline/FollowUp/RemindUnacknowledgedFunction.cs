using Hotline.Cases;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.Sms.Templates;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Hotline.FollowUp;

/// <summary>
/// The RemindUnacknowledged timer function: texts the officer of every case whose acknowledgement window has run
/// out. It reads only the due checks, and each reminder carries a key per case and officer, so a run repeated (or
/// run twice at once) sends one reminder.
/// </summary>
public sealed partial class RemindUnacknowledgedFunction(
    FollowUpIndex followUps,
    CaseStore cases,
    DirectoryProvider directories,
    SmsNotifications sms,
    IOptions<FollowUpOptions> options,
    TimeProvider time,
    ILogger<RemindUnacknowledgedFunction> logger)
{
    [Function(nameof(RemindUnacknowledged))]
    public async Task RemindUnacknowledged([TimerTrigger("0 * * * * *", UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await followUps.GetDueAsync(FollowUpIndex.AcknowledgementCheck, now, options.Value.MaxRemindersPerRun, cancellationToken);
        var reminded = 0;
        foreach (var check in due)
        {
            var found = await cases.GetAsync(check.TicketId, cancellationToken);
            // A check scheduled for an earlier assignment (before a transfer) is stale: the new one has its own.
            if (found is { Record: { Status: CaseStatus.Assigned, OfficerId: { } officerId } record }
                && record.AcknowledgementDueAt == check.DueAt
                && (await directories.GetAsync(cancellationToken)).FindOfficer(officerId) is { } officer)
            {
                await sms.EnqueueAsync(new SmsRequest(
                    $"{record.TicketId}:ack-reminder:{officerId}:{check.DueAt.UtcTicks}",
                    record.TicketId,
                    officer.Phone,
                    "ack-reminder",
                    "zh-CN",
                    new Dictionary<string, string>
                    {
                        ["ticketId"] = record.TicketId,
                        ["dueAt"] = SmsTime.Format(record.AcknowledgementDueAt ?? check.DueAt, "zh-CN"),
                        ["stage"] = "due",
                    }), cancellationToken);
                reminded++;
                LogReminded(logger, record.TicketId, officerId);
            }

            // Acknowledged, closed or gone: nothing to chase. Either way the check is done.
            await followUps.RemoveAsync(check, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledgement reminder for case {TicketId} to officer {OfficerId}")]
    private static partial void LogReminded(ILogger logger, string ticketId, string officerId);
}
