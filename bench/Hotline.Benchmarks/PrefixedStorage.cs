using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Hotline.Benchmarks;

/// <summary>Deletes the tables and queues a benchmark made under its prefix on a storage account it was given.</summary>
internal sealed class PrefixedStorage(string connectionString, string prefix) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                await tables.DeleteTableAsync(table.Name);
            }
        }

        var queues = new QueueServiceClient(connectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: prefix))
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
    }
}
