using Azure.Data.Tables;
using Hotline.Storage;

namespace Hotline.Tests.Faults;

/// <summary>
/// Every row key of every table the app uses and every message of every queue, taken before and after a run, so a
/// test can say what a run wrote: nothing, or only what the requests it accepted explain.
/// </summary>
public sealed class StorageSnapshot
{
    private StorageSnapshot(IReadOnlyDictionary<string, HashSet<string>> rows, IReadOnlyDictionary<string, int> messages)
    {
        Rows = rows;
        Messages = messages;
    }

    /// <summary>Table name → "PartitionKey/RowKey" of each row.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Rows { get; }

    /// <summary>Queue name → how many messages it holds (visible or not).</summary>
    public IReadOnlyDictionary<string, int> Messages { get; }

    public static async Task<StorageSnapshot> TakeAsync(HotlineStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var rows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var table in storage.Tables)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                keys.Add($"{row.PartitionKey}/{row.RowKey}");
            }

            rows[table.Name] = keys;
        }

        var messages = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in storage.Queues)
        {
            messages[queue.Name] = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }

        return new StorageSnapshot(rows, messages);
    }

    /// <summary>What <paramref name="after"/> holds that this snapshot did not: new rows by table, extra messages by queue.</summary>
    public IReadOnlyList<string> Added(StorageSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var added = new List<string>();
        foreach (var (table, keys) in after.Rows)
        {
            var before = Rows.GetValueOrDefault(table) ?? [];
            added.AddRange(keys.Where(k => !before.Contains(k)).Select(k => $"{table}: {k}"));
        }

        foreach (var (queue, count) in after.Messages)
        {
            if (count > Messages.GetValueOrDefault(queue))
            {
                added.Add($"{queue}: {count - Messages.GetValueOrDefault(queue)} message(s)");
            }
        }

        return added;
    }
}
