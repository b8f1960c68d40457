using Microsoft.Extensions.Options;

namespace Hotline.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddHotlineStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton(sp =>
        {
            // Environment variables spell nested keys with "__"; IConfiguration spells them with ":".
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return StorageAccount.FromConfiguration(name => configuration[name.Replace("__", ":", StringComparison.Ordinal)], options.Connection);
        });
        services.AddSingleton<HotlineStorage>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
