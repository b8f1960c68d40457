namespace Hotline.Sms;

public static class SmsNotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddSmsNotifications(this IServiceCollection services)
    {
        services.AddSingleton<SmsNotifications>();
        services.AddSingleton<SendSmsFunction>();
        return services;
    }
}
