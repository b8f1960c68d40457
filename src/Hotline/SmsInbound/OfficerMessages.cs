using System.Globalization;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Officers;
using Hotline.Routing.Directory;
using Hotline.Sms.Templates;

namespace Hotline.SmsInbound;

/// <summary>
/// What an officer's text does (SPEC "SMS", officer table): 收到 / ACK acknowledges, 办结 / DONE resolves with a note,
/// 待办 / TODO lists the officer's open cases; anything else gets the officer's help. The actions are the ones the HTTP
/// endpoints use (<see cref="OfficerCaseActions"/>), with the same rule on who may act. Officers never start cases by
/// text: a report from an officer's phone would otherwise become a case routed to themselves.
/// </summary>
public sealed class OfficerMessages(OfficerCaseActions actions, OfficerTaskIndex tasks, CaseStore cases, DueTimes dueTimes)
{
    /// <summary>Ticket ids listed in a TODO reply; the count says how many more there are.</summary>
    private const int MaxListed = 5;

    public async Task<SmsReply> HandleAsync(UnionOfficer officer, InboundSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(sms);
        var language = sms.Language;
        if (SmsCommand.TryMatch(sms.Body, SmsCommand.Acknowledge, out var ackText))
        {
            var (ticketId, _) = SmsCommand.SplitTicket(ackText);
            return ticketId is null ? SmsReply.Of("officer-help", language) : await AcknowledgeAsync(officer, ticketId, language, cancellationToken);
        }

        if (SmsCommand.TryMatch(sms.Body, SmsCommand.Resolve, out var doneText))
        {
            var (ticketId, rest) = SmsCommand.SplitTicket(doneText);
            var (note, _) = CaseActionInput.CheckNote(rest);
            if (ticketId is not null && string.IsNullOrWhiteSpace(rest))
            {
                // The officer meant to resolve this case: say what is missing rather than list every command.
                return SmsReply.Of("officer-note-needed", language, ticketId);
            }

            if (ticketId is null || note is null)
            {
                return SmsReply.Of("officer-help", language);
            }

            var outcome = await actions.ResolveAsync(officer, ticketId, note, cancellationToken);
            return outcome.IsDone ? SmsReply.Of("officer-done-confirmed", language, ticketId) : await ExplainAsync(outcome, ticketId, language, cancellationToken);
        }

        if (SmsCommand.TryMatch(sms.Body, SmsCommand.Tasks, out var tasksText) && tasksText.Length == 0)
        {
            return await TasksAsync(officer, language, cancellationToken);
        }

        return SmsReply.Of("officer-help", language);
    }

    private async Task<SmsReply> AcknowledgeAsync(UnionOfficer officer, string ticketId, string language, CancellationToken cancellationToken)
    {
        var outcome = await actions.AcknowledgeAsync(officer, ticketId, cancellationToken);
        if (outcome is not { IsDone: true, Case: { } acknowledged })
        {
            return await ExplainAsync(outcome, ticketId, language, cancellationToken);
        }

        return new SmsReply("officer-ack-confirmed", language, new Dictionary<string, string>
        {
            ["ticketId"] = ticketId,
            ["dueAt"] = SmsTime.Format(dueTimes.ResolutionDueAt(acknowledged), language),
        });
    }

    /// <summary>
    /// Why nothing changed, in a template: an unknown case and someone else's case answer alike ("not found, or not
    /// yours"); a case in the wrong state answers with its status, which says why.
    /// </summary>
    private async Task<SmsReply> ExplainAsync(CaseActionOutcome outcome, string ticketId, string language, CancellationToken cancellationToken)
    {
        if (outcome.Status == CaseActionStatus.Conflict && await cases.GetAsync(ticketId, cancellationToken) is { Record: var record })
        {
            return new SmsReply("status-reply", language, new Dictionary<string, string> { ["ticketId"] = ticketId, ["status"] = record.Status });
        }

        return outcome.Status is CaseActionStatus.NotFound or CaseActionStatus.Forbidden
            ? SmsReply.Of("ticket-not-found", language, ticketId)
            : SmsReply.Of("officer-help", language);
    }

    /// <summary>The officer's open cases, most urgent first: major incidents, then urgent, then by due time as the task list sorts them.</summary>
    private async Task<SmsReply> TasksAsync(UnionOfficer officer, string language, CancellationToken cancellationToken)
    {
        var open = await tasks.GetOpenCasesAsync(officer.Id, cancellationToken);
        var ordered = open.Select((c, i) => (Case: c, Order: i)).OrderBy(x => Urgency(x.Case.Priority)).ThenBy(x => x.Order).Select(x => x.Case).ToList();
        var separator = language == SmsLanguage.English ? ", " : "、";
        var items = string.Join(separator, ordered.Take(MaxListed).Select(c => c.TicketId));
        if (ordered.Count > MaxListed)
        {
            items += language == SmsLanguage.English ? ", ..." : "……";
        }

        return new SmsReply("officer-todo", language, new Dictionary<string, string>
        {
            ["count"] = ordered.Count.ToString(CultureInfo.InvariantCulture),
            ["items"] = items.Length == 0 ? "-" : items,
        });
    }

    private static int Urgency(string priority) => priority switch
    {
        CasePriority.MajorIncident => 0,
        CasePriority.Urgent => 1,
        _ => 2,
    };
}
