namespace Hotline.Officers;

public static class OfficersServiceCollectionExtensions
{
    public static IServiceCollection AddOfficers(this IServiceCollection services)
    {
        services.AddSingleton<OfficerTokenStore>();
        services.AddSingleton<OfficerTaskIndex>();
        services.AddSingleton<OfficerCaseActions>();
        return services;
    }
}
