using Hotline.FollowUp;

namespace Hotline.Bulletin;

public static class BulletinServiceCollectionExtensions
{
    /// <summary>After the storage registration: the scheduler writes to tables the storage initializer creates.</summary>
    public static IServiceCollection AddBulletin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BulletinOptions>().Bind(configuration.GetSection(BulletinOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IFollowUpHandler, DailyBulletinHandler>();
        services.AddSingleton<IFollowUpHandler, UnitBulletinHandler>();
        services.AddHostedService<BulletinScheduler>();
        return services;
    }
}
