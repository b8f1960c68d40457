namespace Hotline.SmsInbound;

public static class SmsInboundServiceCollectionExtensions
{
    public static IServiceCollection AddSmsInbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmsInboundOptions>().Bind(configuration.GetSection(SmsInboundOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboundMessageLog>();
        services.AddSingleton<OptOutList>();
        services.AddSingleton<PlaceConversations>();
        services.AddSingleton<DeliveryStatusStore>();
        services.AddSingleton<CallerMessages>();
        services.AddSingleton<OfficerMessages>();
        services.AddSingleton<InboundSmsHandler>();
        services.AddSingleton<DeliveryStatusRecorder>();
        return services;
    }
}
