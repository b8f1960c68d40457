using Hotline.FollowUp;

namespace Hotline.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Data retention: closed cases lose their personal data after <see cref="RetentionOptions.KeepClosedFor"/>, through the due-check loop.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentionSchedule>();
        services.AddSingleton<CaseRedaction>();
        services.AddSingleton<IFollowUpHandler, RedactionHandler>();
        return services;
    }
}
