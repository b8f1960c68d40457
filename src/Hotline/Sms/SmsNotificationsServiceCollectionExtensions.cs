namespace Hotline.Sms;

public static class SmsNotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddSmsNotifications(this IServiceCollection services)
    {
        services.AddSingleton<SmsNotifications>();
        services.AddSingleton<CallerTexts>();
        services.AddSingleton<OfficerTexts>();
        services.AddSingleton<SendSmsFunction>();
        return services;
    }
}
