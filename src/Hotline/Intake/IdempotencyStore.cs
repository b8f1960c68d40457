using System.Security.Cryptography;
using System.Text;
using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.Intake;

/// <summary>
/// Remembers the first answer to each Idempotency-Key. The record is written before the case, holding the ticket id
/// the case will get, so a retry after a crash at any point finishes the same case instead of making a second one.
/// Key scheme: PartitionKey = SHA-256 of the key (callers choose keys; hashing bounds their length and alphabet).
/// </summary>
public sealed class IdempotencyStore(HotlineStorage storage)
{
    public sealed record Entry(string TicketId, string TrackingCode, string RequestHash, bool Completed, bool Merged, ETag ETag);

    public static string HashKey(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<Entry?> GetAsync(string keyHash, CancellationToken cancellationToken)
    {
        var entity = await storage.Idempotency.GetEntityOrNullAsync(keyHash, "", cancellationToken: cancellationToken);
        return entity is null ? null : ToEntry(entity);
    }

    /// <summary>Claims the key for a new case; returns the existing entry instead when someone claimed it first.</summary>
    public async Task<Entry> ClaimAsync(string keyHash, string ticketId, string trackingCode, string requestHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(keyHash, "")
        {
            ["TicketId"] = ticketId,
            ["TrackingCode"] = trackingCode,
            ["RequestHash"] = requestHash,
            ["Completed"] = false,
            ["CreatedAt"] = now,
        };
        try
        {
            var etag = (await storage.Idempotency.AddEntityAsync(entity, cancellationToken)).NewETag();
            return new Entry(ticketId, trackingCode, requestHash, false, false, etag);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            return await GetAsync(keyHash, cancellationToken) ?? throw new InvalidOperationException("Idempotency record vanished.", e);
        }
    }

    /// <summary>Marks the key done; <paramref name="ticketId"/> is the case the report ended in (another one when merged).</summary>
    public async Task CompleteAsync(string keyHash, string ticketId, bool merged, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(keyHash, "") { ["Completed"] = true, ["TicketId"] = ticketId, ["Merged"] = merged };
        await storage.Idempotency.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    private static Entry ToEntry(TableEntity e) => new(
        e.GetString("TicketId") ?? "",
        e.GetString("TrackingCode") ?? "",
        e.GetString("RequestHash") ?? "",
        e.GetBoolean("Completed") ?? false,
        e.GetBoolean("Merged") ?? false,
        e.ETag);
}
