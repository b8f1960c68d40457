using Hotline.Cases;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.Sms.Templates;

namespace Hotline.FollowUp;

/// <summary>
/// Texts the officer of a case whose acknowledgement window has run out. The reminder carries a key per case, officer
/// and due time, so a check handled twice sends one reminder.
/// </summary>
public sealed partial class AcknowledgementCheckHandler(
    CaseStore cases,
    DirectoryProvider directories,
    SmsNotifications sms,
    ILogger<AcknowledgementCheckHandler> logger) : IFollowUpHandler
{
    public string Kind => FollowUpIndex.AcknowledgementCheck;

    public async Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var found = await cases.GetAsync(due.Subject, cancellationToken);

        // A check scheduled for an earlier assignment (before a transfer) is stale: the new one has its own.
        if (found is not { Record: { Status: CaseStatus.Assigned, OfficerId: { } officerId } record }
            || record.AcknowledgementDueAt != due.DueAt
            || (await directories.GetAsync(cancellationToken)).FindOfficer(officerId) is not { } officer)
        {
            return;
        }

        await sms.EnqueueAsync(new SmsRequest(
            $"{record.TicketId}:ack-reminder:{officerId}:{due.DueAt.UtcTicks}",
            record.TicketId,
            officer.Phone,
            "ack-reminder",
            "zh-CN",
            new Dictionary<string, string>
            {
                ["ticketId"] = record.TicketId,
                ["dueAt"] = SmsTime.Format(due.DueAt, "zh-CN"),
                ["stage"] = "due",
            }), cancellationToken);
        LogReminded(logger, record.TicketId, officerId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledgement reminder for case {TicketId} to officer {OfficerId}")]
    private static partial void LogReminded(ILogger logger, string ticketId, string officerId);
}
