namespace Hotline.FollowUp;

public static class FollowUpServiceCollectionExtensions
{
    public static IServiceCollection AddFollowUp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FollowUpOptions>().Bind(configuration.GetSection(FollowUpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FollowUpIndex>();
        services.AddSingleton<RemindUnacknowledgedFunction>();
        services.AddSingleton<RequeueStalledCasesFunction>();
        return services;
    }
}
