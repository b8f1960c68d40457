namespace Hotline.Open311;

public static class Open311ServiceCollectionExtensions
{
    public static IServiceCollection AddOpen311(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Open311Options>().Bind(configuration.GetSection(Open311Options.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Open311ApiKeys>();
        services.AddSingleton<ReceivedDayIndex>();
        services.AddSingleton<Open311RequestFinder>();
        return services;
    }
}
