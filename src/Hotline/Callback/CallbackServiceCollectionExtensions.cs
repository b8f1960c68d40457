using Hotline.FollowUp;

namespace Hotline.Callback;

public static class CallbackServiceCollectionExtensions
{
    /// <summary>The callback survey (回访): scheduled at resolution, sent and closed by the due-check loop, answered by SMS.</summary>
    public static IServiceCollection AddCallback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallbackOptions>().Bind(configuration.GetSection(CallbackOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallbackSurveys>();
        services.AddSingleton<PendingSurveys>();
        services.AddSingleton<ReopenAssignment>();
        services.AddSingleton<SurveyCaseChanges>();
        services.AddSingleton<SurveyAnswers>();
        services.AddSingleton<IFollowUpHandler, CallbackSurveyHandler>();
        services.AddSingleton<IFollowUpHandler, SurveyNoReplyHandler>();
        return services;
    }
}
