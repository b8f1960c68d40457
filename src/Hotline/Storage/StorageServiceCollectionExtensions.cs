using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Hotline.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The one registration of the storage service clients (every table and queue of the app, the SMS tables
    /// included, comes from these), the app's named tables and queues, and their creation at start.
    /// </summary>
    public static IServiceCollection AddHotlineStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => StorageConnection.FromConfiguration(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(new TableClientOptions()));

        // The queue trigger reads base64 (host.json); the SDK's default is no encoding, which the trigger poison-queues.
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>()
            .CreateQueueServiceClient(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        services.AddSingleton<HotlineStorage>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
