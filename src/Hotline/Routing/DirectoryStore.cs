using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hotline.Storage;
using Hotline.Storage.Tables;

namespace Hotline.Routing;

/// <summary>
/// The directory table. A document is stored whole, as text in chunks (a property holds at most 32K characters), under
/// its own version; a pointer row names the version in use. Writing the chunks first and then moving the pointer makes
/// the swap atomic: a reader sees the old document or the new one, never a mix.
/// Key scheme: PartitionKey "v{version}", RowKey "{chunk:D4}"; the pointer is PartitionKey "current", RowKey "".
/// </summary>
public sealed class DirectoryStore(HotlineStorage storage, TimeProvider time)
{
    private const string PointerPartition = "current";
    private const int ChunkChars = 30_000;
    private const int MaxChunks = 100;

    public sealed record StoredVersion(long Version, string Sha256);

    public async Task<StoredVersion?> GetPointerAsync(CancellationToken cancellationToken)
    {
        var row = await storage.Directory.GetEntityIfExistsAsync(PointerPartition, "", cancellationToken: cancellationToken);
        return row is null ? null : new StoredVersion(row.GetInt64("Version") ?? 0, row.GetString("Sha256") ?? "");
    }

    public async Task<string?> GetDocumentAsync(long version, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var filter = TableFilter.Create($"PartitionKey eq {Partition(version)}");
        var any = false;
        await foreach (var chunk in storage.Directory.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            text.Append(chunk.GetString("Json"));
            any = true;
        }

        return any ? text.ToString() : null;
    }

    /// <summary>Stores a checked document as the next version and makes it current.</summary>
    public async Task<StoredVersion> SaveAsync(string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > ChunkChars * MaxChunks)
        {
            throw new ArgumentException("The directory document is too large to store.", nameof(json));
        }

        var current = await storage.Directory.GetEntityIfExistsAsync(PointerPartition, "", cancellationToken: cancellationToken);
        var version = (current?.GetInt64("Version") ?? 0) + 1;
        var chunks = new List<TableTransactionAction>();
        for (var i = 0; i * ChunkChars < json.Length; i++)
        {
            var part = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
            var row = new TableEntity(Partition(version), i.ToString("D4", CultureInfo.InvariantCulture)) { ["Json"] = part };
            chunks.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }

        await storage.Directory.SubmitTransactionAsync(chunks, cancellationToken);

        var sha = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var pointer = new TableEntity(PointerPartition, "") { ["Version"] = version, ["Sha256"] = sha, ["SavedAt"] = time.GetUtcNow() };
        if (current is null)
        {
            await storage.Directory.AddEntityAsync(pointer, cancellationToken);
        }
        else
        {
            // Two admins saving at once: the second gets a conflict instead of silently overwriting the first.
            await storage.Directory.UpdateEntityAsync(pointer, current.ETag, TableUpdateMode.Replace, cancellationToken);
        }

        return new StoredVersion(version, sha);
    }

    private static string Partition(long version) => string.Create(CultureInfo.InvariantCulture, $"v{version:D10}");
}
