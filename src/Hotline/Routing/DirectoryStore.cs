using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.Routing;

/// <summary>
/// The directory table. A document is stored whole, as text in chunks (a property holds at most 32K characters), in a
/// partition of its own; a pointer row names the partition in use, its chunk count and its hash. Writing the chunks
/// first and then moving the pointer makes the swap atomic: a reader sees the old document or the new one, never a
/// mix, and a save that died half-way leaves only an unreferenced partition.
/// Key scheme: PartitionKey "v{version}-{guid}", RowKey "{chunk:D4}"; the pointer is PartitionKey "current", RowKey "".
/// </summary>
public sealed class DirectoryStore(HotlineStorage storage, TimeProvider time)
{
    /// <summary>Largest document the store keeps (100 chunks, each in one property).</summary>
    public const int MaxDocumentChars = ChunkChars * MaxChunks;

    private const string PointerPartition = "current";
    private const int ChunkChars = 30_000;
    private const int MaxChunks = 100;

    /// <summary>
    /// A transaction carries at most 4 MiB, and the SDK writes every non-ASCII character as a six-byte JSON escape:
    /// a chunk of Chinese text is up to 180 kB on the wire, so 20 of them (3.6 MB) fit with room for the framing.
    /// </summary>
    private const int ChunksPerTransaction = 20;

    public sealed record StoredVersion(long Version, string Partition, int Chunks, string Sha256);

    /// <summary>Another admin saved a directory between this save's read and its write.</summary>
    public sealed class ConcurrentSaveException(Exception inner) : Exception("Another directory was saved at the same time.", inner);

    public async Task<StoredVersion?> GetPointerAsync(CancellationToken cancellationToken)
    {
        var row = await storage.Directory.GetEntityOrNullAsync(PointerPartition, "", cancellationToken: cancellationToken);
        return row is null
            ? null
            : new StoredVersion(row.GetInt64("Version") ?? 0, row.GetString("Partition") ?? "", row.GetInt32("Chunks") ?? 0, row.GetString("Sha256") ?? "");
    }

    /// <summary>The document the pointer names, or null when its chunks are missing or do not hash to what was saved.</summary>
    public async Task<string?> GetDocumentAsync(StoredVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var text = new StringBuilder();
        var chunks = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {version.Partition}");
        await foreach (var chunk in storage.Directory.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            text.Append(chunk.GetString("Json"));
            chunks++;
        }

        var json = text.ToString();
        return chunks == version.Chunks && Hash(json) == version.Sha256 ? json : null;
    }

    /// <summary>Stores a checked document as the next version and makes it current.</summary>
    public async Task<StoredVersion> SaveAsync(string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxDocumentChars)
        {
            throw new ArgumentException("The directory document is too large to store.", nameof(json));
        }

        var current = await storage.Directory.GetEntityOrNullAsync(PointerPartition, "", cancellationToken: cancellationToken);
        var version = (current?.GetInt64("Version") ?? 0) + 1;
        var partition = string.Create(CultureInfo.InvariantCulture, $"v{version:D10}-{Guid.NewGuid():N}");
        var chunks = new List<TableTransactionAction>();
        for (var i = 0; i * ChunkChars < json.Length; i++)
        {
            var part = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
            var row = new TableEntity(partition, i.ToString("D4", CultureInfo.InvariantCulture)) { ["Json"] = part };
            chunks.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        // A large document goes in several transactions (the pointer, written last, makes it count).
        foreach (var batch in chunks.Chunk(ChunksPerTransaction))
        {
            await storage.Directory.SubmitTransactionAsync(batch, cancellationToken);
        }

        var stored = new StoredVersion(version, partition, chunks.Count, Hash(json));
        var pointer = new TableEntity(PointerPartition, "")
        {
            ["Version"] = version,
            ["Partition"] = partition,
            ["Chunks"] = stored.Chunks,
            ["Sha256"] = stored.Sha256,
            ["SavedAt"] = time.GetUtcNow(),
        };
        try
        {
            if (current is null)
            {
                await storage.Directory.AddEntityAsync(pointer, cancellationToken);
            }
            else
            {
                await storage.Directory.UpdateEntityAsync(pointer, current.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict)
        {
            // Two admins saving at once: the second is told instead of silently overwriting the first.
            throw new ConcurrentSaveException(e);
        }

        return stored;
    }

    private static string Hash(string json) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
