using System.Globalization;
using Hotline.Cases;
using Hotline.Sms.Phones;
using Hotline.Storage;
using Azure.Data.Tables;

namespace Hotline.Intake;

/// <summary>
/// 重复诉求并单: a new report from the same phone in the same category, while an earlier case of that caller is still
/// open and at most <see cref="Window"/> old, is appended to that case instead of becoming a second one.
/// The callercases table finds candidates with one partition query. Key scheme: PartitionKey = keyed hash of the
/// phone (the number itself is not a key anywhere); RowKey = "{category}:{ticket id}".
/// </summary>
public sealed class DuplicateReports(HotlineStorage storage, CaseStore cases, PhoneHash phoneHash, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>The most text one case holds after merging repeats.</summary>
    public const int MaxCaseText = 16_000;

    public sealed record Merged(string TicketId, string Status, int Revision);

    /// <summary>Records a new case under its caller; written before the case, so a found row may point at nothing.</summary>
    public Task IndexAsync(string phone, string category, string ticketId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(phoneHash.Compute(phone), $"{category}:{ticketId}") { ["ReceivedAt"] = receivedAt };
        return storage.CallerCases.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Appends the report to the caller's open case in the category, if there is one other than
    /// <paramref name="ownTicketId"/>: the case an Idempotency-Key reserved is this very report, which a concurrent
    /// retry may already have stored and indexed; it is never an earlier case to merge into.
    /// </summary>
    public async Task<Merged?> TryMergeAsync(string phone, string category, string description, string channel, string trackingCode, string? ownTicketId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {phoneHash.Compute(phone)} and RowKey gt {category + ":"} and RowKey lt {category + ";"} and ReceivedAt ge {now - Window}");
        var candidates = new List<(string TicketId, DateTimeOffset ReceivedAt)>();
        await foreach (var row in storage.CallerCases.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            candidates.Add((row.RowKey[(category.Length + 1)..], row.GetDateTimeOffset("ReceivedAt") ?? now));
        }

        foreach (var (ticketId, _) in candidates.Where(c => c.TicketId != ownTicketId).OrderByDescending(c => c.ReceivedAt))
        {
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                var found = await cases.GetAsync(ticketId, cancellationToken);
                if (found is not { Record: var record, ETag: var etag } || !IsOpen(record.Status))
                {
                    break;
                }

                var hash = TrackingCode.Hash(record.TicketId, trackingCode);
                if (record.TrackingCodeHash.Split(' ').Contains(hash, StringComparer.Ordinal))
                {
                    // This very report was merged before (a retry after a crash): do not append it twice.
                    return new Merged(record.TicketId, record.Status, record.Revision);
                }

                var stamp = ChinaTime.ToChina(now).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                var merged = record with
                {
                    Description = Append(record.Description, $"\n\n【{stamp} 追加 / added】{description}"),
                    TrackingCodeHash = TrackingCode.AddHash(record.TrackingCodeHash, hash),
                };
                try
                {
                    await cases.UpdateAsync(merged, etag, new AuditEntry(now, AuditEntry.CallerActor, "merged", record.Status, record.Status, $"repeat report via {channel} appended (并单)"), cancellationToken);
                    return new Merged(record.TicketId, record.Status, record.Revision + 1);
                }
                catch (CaseConcurrencyException) when (attempt < 5)
                {
                    // The case changed (an officer acted): read it again and decide again.
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Repeats stop growing the case at <see cref="MaxCaseText"/> characters (a table property holds 32K): the report
    /// is still merged and audited, its text cut with a mark.
    /// </summary>
    private static string Append(string text, string addition)
    {
        const string Cut = "…（超长已截断 / cut）";
        if (text.Length + addition.Length <= MaxCaseText)
        {
            return text + addition;
        }

        var room = MaxCaseText - text.Length - Cut.Length;
        return room <= 0 ? text : text + addition[..room] + Cut;
    }

    private static bool IsOpen(string status) => status is CaseStatus.Received or CaseStatus.Assigned or CaseStatus.Acknowledged;
}
