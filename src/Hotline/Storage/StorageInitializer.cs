using Microsoft.Extensions.Options;

namespace Hotline.Storage;

/// <summary>Creates missing tables and queues before the first request is served.</summary>
internal sealed class StorageInitializer(HotlineStorage storage, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateIfMissing)
        {
            return;
        }

        await Task.WhenAll(storage.Tables.Select(t => t.CreateIfNotExistsAsync(cancellationToken))
            .Concat(storage.Queues.Select(q => q.CreateIfNotExistsAsync(cancellationToken))));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
