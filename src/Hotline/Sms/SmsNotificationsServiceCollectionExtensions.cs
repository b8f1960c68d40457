using Hotline.FollowUp;
using Hotline.Sms.SameText;

namespace Hotline.Sms;

public static class SmsNotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddSmsNotifications(this IServiceCollection services)
    {
        services.AddOptions<QuietHoursOptions>().BindConfiguration(QuietHoursOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmsNotifications>();
        services.AddSingleton<SendingRules>();
        services.AddSingleton<HeldTexts>();
        services.AddSingleton<IFollowUpHandler, HeldTextReleaseHandler>();
        services.AddSingleton<IFollowUpHandler, SameTextExpiryHandler>();
        services.AddRecurringFollowUp(SameTextExpiryHandler.ExpiryKind, SameTextExpiryHandler.AllDays, "The same-text rule's expiry run", _ => SameTextExpiry.NextRunAfter);
        services.AddSingleton<SendSmsFunction>();
        return services;
    }
}
