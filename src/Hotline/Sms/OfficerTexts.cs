using Hotline.Cases;
using Hotline.Routing;
using Hotline.Routing.Directory;
using Hotline.Sms.Templates;

namespace Hotline.Sms;

/// <summary>
/// The texts that give officers their work: a new task, and the 重大事项 alert to the heads and contacts. Officers read
/// Chinese. Keys are made of the case, the step and the officer, so a repeated step is sent once.
/// </summary>
public sealed class OfficerTexts(SmsNotifications sms)
{
    /// <summary>
    /// The task text to the case's officer, or to the unit heads when nobody up the chain is on duty.
    /// <paramref name="round"/> tells assignments apart (a case transferred back to an officer who had it is news again).
    /// </summary>
    public async Task TaskAsync(CaseRecord record, UnionDirectory directory, string round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(directory);
        var officer = record.OfficerId is null ? null : directory.FindOfficer(record.OfficerId);
        var recipients = officer is not null ? [officer] : directory.HeadsOf(record.UnitId!).ToList();
        foreach (var recipient in recipients)
        {
            await sms.EnqueueAsync(new SmsRequest(
                $"{record.TicketId}:officer-task:{recipient.Id}{round}",
                record.TicketId,
                recipient.Phone,
                "officer-task",
                "zh-CN",
                new Dictionary<string, string>
                {
                    ["ticketId"] = record.TicketId,
                    ["category"] = record.Category,
                    ["place"] = record.UnitName ?? "",
                    ["summary"] = Summary(record.Description),
                    ["dueAt"] = SmsTime.Format(record.AcknowledgementDueAt ?? record.ReceivedAt, "zh-CN"),
                }), cancellationToken);
        }
    }

    /// <summary>重大事项: the unit head, the parent unit's head and the linked contact officers hear at once.</summary>
    public async Task MajorIncidentAsync(CaseRecord record, UnionDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var notified in CaseRouter.Notify(directory, record.UnitId!))
        {
            await sms.EnqueueAsync(new SmsRequest(
                $"{record.TicketId}:major-incident:{notified.Officer.Id}",
                record.TicketId,
                notified.Officer.Phone,
                "major-incident",
                "zh-CN",
                new Dictionary<string, string>
                {
                    ["ticketId"] = record.TicketId,
                    ["category"] = record.Category,
                    ["place"] = record.UnitName ?? "",
                    ["summary"] = Summary(record.Description),
                }), cancellationToken);
        }
    }

    /// <summary>
    /// The composer shortens the summary to the segment budget anyway; cutting it here keeps the queue message small
    /// (a merged case's text can be long, and a queue message holds 64 KiB).
    /// </summary>
    private static string Summary(string description) =>
        description.Length <= MaxSummary ? description : description[..MaxSummary];

    private const int MaxSummary = 300;
}
