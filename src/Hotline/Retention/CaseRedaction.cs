using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Hotline.Cases;
using Hotline.Sms.Phones;
using Hotline.Storage;
using Microsoft.Extensions.Options;

namespace Hotline.Retention;

/// <summary>
/// Removes a closed case's personal data once its retention period has run out: phone, name, employer and the
/// description on the case; the reasons of the audit lines that hold the caller's or an officer's words (notes,
/// transfer reasons, the place given by SMS, what the classifier quoted); the caller's row in the duplicate index;
/// the phone and the text of the case's SMS in the outbox and the phone hash in the SMS ledger. What the ledger and
/// the report count (unit, category, priority, region, times, rating, counts) stays. The case itself changes last,
/// with its audit line, in one <see cref="CaseStore.UpdateAsync(CaseRecord, ETag, AuditEntry, CancellationToken)"/>:
/// a run that stops before it leaves the case unredacted and its follow-up row in place, and the next run does every
/// step again (each is harmless to repeat).
/// </summary>
public sealed partial class CaseRedaction(
    CaseStore cases,
    HotlineStorage storage,
    PhoneHash phoneHash,
    RetentionSchedule schedule,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<CaseRedaction> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>What replaces a redacted audit reason.</summary>
    public const string Marker = "（已脱敏 / redacted）";

    /// <summary>Lines by the caller or an officer whose reason the app composes without their words.</summary>
    private static readonly HashSet<string> ComposedReasons = new(StringComparer.Ordinal) { "acknowledged", "merged", "closed", "reopened" };

    public static bool CarriesFreeText(AuditEntry line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Actor != AuditEntry.SystemActor && !ComposedReasons.Contains(line.Action);
    }

    public async Task<RedactionOutcome> RedactAsync(string ticketId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await cases.GetAsync(ticketId, cancellationToken) is not { Record: var record, ETag: var etag })
            {
                return RedactionOutcome.NoSuchCase;
            }

            if (record.RedactedAt is not null)
            {
                return RedactionOutcome.AlreadyRedacted;
            }

            if (schedule.RedactionDueAt(record) is not { } dueAt)
            {
                return RedactionOutcome.NotClosed;
            }

            var now = time.GetUtcNow();
            if (dueAt > now)
            {
                await schedule.ScheduleAsync(ticketId, dueAt, cancellationToken);
                return RedactionOutcome.NotYetDue;
            }

            await ForgetCallerAsync(record, cancellationToken);
            await RedactTextsAsync(ticketId, cancellationToken);
            await cases.RedactHistoryAsync(ticketId, CarriesFreeText, Marker, cancellationToken);

            var kept = options.Value.KeepClosedFor;
            var redacted = record with { Phone = null, Name = null, Employer = null, Description = "", RedactedAt = now };
            var why = string.Create(CultureInfo.InvariantCulture, $"redacted after {kept.TotalDays:0.##} days: phone, name, employer, description, notes");
            try
            {
                await cases.UpdateAsync(redacted, etag, new AuditEntry(now, AuditEntry.SystemActor, "redacted", record.Status, record.Status, why), cancellationToken);
            }
            catch (CaseConcurrencyException) when (attempt < MaxAttempts)
            {
                continue;
            }

            LogRedacted(logger, ticketId, kept.TotalDays);
            return RedactionOutcome.Redacted;
        }
    }

    /// <summary>The caller's duplicate-index row (keyed by the phone's hash) is personal data and of no use once the case is closed.</summary>
    private async Task ForgetCallerAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        if (record.Phone is not { } phone)
        {
            return;
        }

        // One caller's partition is small; the row is found by its ticket whatever the category was when it was written.
        var partition = phoneHash.Compute(phone);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var suffix = ":" + record.TicketId;
        await foreach (var row in storage.CallerCases.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (row.RowKey.EndsWith(suffix, StringComparison.Ordinal))
            {
                await DeleteAsync(storage.CallerCases, partition, row.RowKey, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The case's texts: their message keys start with the ticket id, and the SMS tables are keyed by message key, so a
    /// partition-key range finds them. Each row keeps what it was (template, language, times, state) without the
    /// phone or the text.
    /// </summary>
    private async Task RedactTextsAsync(string ticketId, CancellationToken cancellationToken)
    {
        string[] personal = ["To", "ToHash", "Body"];
        foreach (var table in new[] { storage.Sms.Outbox, storage.Sms.Ledger })
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey ge {ticketId + ":"} and PartitionKey lt {ticketId + ";"}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (!personal.Any(row.ContainsKey))
                {
                    continue;
                }

                var kept = new TableEntity(row.PartitionKey, row.RowKey);
                foreach (var (name, value) in row.Where(p => !personal.Contains(p.Key) && p.Key is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")))
                {
                    kept[name] = value;
                }

                kept["Redacted"] = true;
                await table.UpdateEntityAsync(kept, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
    }

    private static async Task DeleteAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // Gone already: an earlier run got this far.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} redacted: closed more than {Days} days ago")]
    private static partial void LogRedacted(ILogger logger, string ticketId, double days);
}
