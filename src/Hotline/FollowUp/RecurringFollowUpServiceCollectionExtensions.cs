namespace Hotline.FollowUp;

public static class RecurringFollowUpServiceCollectionExtensions
{
    /// <summary>
    /// Schedules the next run of the self-rescheduling follow-up <paramref name="kind"/> at start, at the time
    /// <paramref name="nextAfter"/> gives for the moment of the start; <paramref name="run"/> names it in the log.
    /// AddSingleton, not AddHostedService: that one keeps a single registration per implementation type, and every
    /// recurring follow-up shares this one.
    /// </summary>
    public static IServiceCollection AddRecurringFollowUp(
        this IServiceCollection services, string kind, string subject, string run, Func<IServiceProvider, Func<DateTimeOffset, DateTimeOffset>> nextAfter)
    {
        ArgumentNullException.ThrowIfNull(nextAfter);
        services.AddSingleton<IHostedService>(provider => new RecurringFollowUpStart(
            kind,
            subject,
            run,
            nextAfter(provider),
            provider.GetRequiredService<FollowUpIndex>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<RecurringFollowUpStart>>()));
        return services;
    }
}
