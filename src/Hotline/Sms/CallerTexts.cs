using Hotline.Cases;
using Hotline.Sms.Templates;

namespace Hotline.Sms;

/// <summary>
/// The texts that tell a caller how their case moves on. Each carries a key made of the case and the step, so the
/// same step asked for twice (a retried function, a repeated request) is sent once. The officer's name and phone
/// never go to the caller: the unit's name is enough to know who handles it.
/// </summary>
public sealed class CallerTexts(SmsNotifications sms)
{
    /// <summary>"Your case went to {unit}"; once per unit, so a transfer tells the caller about the new unit.</summary>
    public Task CaseAssignedAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        // A re-run of routing may see a case that has moved on; only an open case's unit is news to the caller.
        if (record is not { Phone: { } phone, UnitId: { } unitId, Status: CaseStatus.Assigned or CaseStatus.Acknowledged })
        {
            return Task.CompletedTask;
        }

        return sms.EnqueueAsync(new SmsRequest(
            $"{record.TicketId}:case-assigned:{unitId}",
            record.TicketId,
            phone,
            "case-assigned",
            SmsLanguage.Normalize(record.Language),
            new Dictionary<string, string>
            {
                ["ticketId"] = record.TicketId,
                ["unitName"] = record.UnitName ?? unitId,
            }), cancellationToken);
    }

    /// <summary>"Your case is resolved: {note}"; keyed by the revision, so a case resolved again after a reopen is told again.</summary>
    public Task CaseResolvedAsync(CaseRecord record, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(note);
        if (record.Phone is not { } phone)
        {
            return Task.CompletedTask;
        }

        return sms.EnqueueAsync(new SmsRequest(
            $"{record.TicketId}:case-resolved:{record.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            record.TicketId,
            phone,
            "case-resolved",
            SmsLanguage.Normalize(record.Language),
            new Dictionary<string, string>
            {
                ["ticketId"] = record.TicketId,

                // The note is marked shortenable in the catalogue: the composer cuts it to the segment budget at a word.
                ["note"] = Summarise(note),
            }), cancellationToken);
    }

    /// <summary>One line: an officer's note may have line breaks that waste a text's few characters.</summary>
    private static string Summarise(string note) =>
        string.Join(' ', note.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
