using Microsoft.Extensions.Options;

namespace Hotline.Storage;

/// <summary>
/// Creates missing tables and queues before the first request is served. Resolving <see cref="HotlineStorage"/> here
/// also makes a bad connection setting stop the app at start.
/// </summary>
internal sealed class StorageInitializer(HotlineStorage storage, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateIfMissing)
        {
            return;
        }

        // A missing table must not be met later: the SDK reads an entity of a missing table as "no entity".
        await Task.WhenAll(storage.Tables.Select(Task (t) => t.CreateIfNotExistsAsync(cancellationToken))
            .Concat(storage.Queues.Select(Task (q) => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
