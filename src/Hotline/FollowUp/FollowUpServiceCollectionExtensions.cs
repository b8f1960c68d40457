namespace Hotline.FollowUp;

public static class FollowUpServiceCollectionExtensions
{
    public static IServiceCollection AddFollowUp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FollowUpOptions>().Bind(configuration.GetSection(FollowUpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FollowUpIndex>();
        services.AddSingleton<FollowUpQueue>();
        services.AddSingleton<DueTimes>();
        services.AddSingleton<IFollowUpHandler, RoutingCheckHandler>();
        services.AddSingleton<IFollowUpHandler>(sp => ActivatorUtilities.CreateInstance<DeadlineCheckHandler>(sp, DeadlineWindow.Acknowledgement));
        services.AddSingleton<IFollowUpHandler>(sp => ActivatorUtilities.CreateInstance<DeadlineCheckHandler>(sp, DeadlineWindow.Resolution));
        services.AddSingleton<SweepFollowUpsFunction>();
        services.AddSingleton<RunFollowUpFunction>();
        return services;
    }
}
