namespace Hotline.Routing;

public static class CaseRoutingServiceCollectionExtensions
{
    public static IServiceCollection AddCaseRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<DirectoryProvider>();
        services.AddSingleton<OfficerLoadStore>();
        services.AddSingleton<CaseAssignment>();
        services.AddSingleton<CaseRoutingQueue>();
        services.AddSingleton<RouteCaseFunction>();
        services.AddHostedService<DefaultUnitAnnouncement>();
        return services;
    }
}
