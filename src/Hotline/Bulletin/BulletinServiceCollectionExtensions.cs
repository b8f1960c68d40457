using Hotline.FollowUp;
using Microsoft.Extensions.Options;

namespace Hotline.Bulletin;

public static class BulletinServiceCollectionExtensions
{
    /// <summary>After the storage registration: the start of the daily run writes to tables the storage initializer creates.</summary>
    public static IServiceCollection AddBulletin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BulletinOptions>().Bind(configuration.GetSection(BulletinOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IFollowUpHandler, DailyBulletinHandler>();
        services.AddSingleton<IFollowUpHandler, UnitBulletinHandler>();
        services.AddRecurringFollowUp(DailyBulletinHandler.DayKind, DailyBulletinHandler.AllUnits, "The daily bulletin",
            provider => provider.GetRequiredService<IOptions<BulletinOptions>>().Value.NextAfter);
        return services;
    }
}
