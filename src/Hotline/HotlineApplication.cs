using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Hosting;
using Hotline.Intake;
using Hotline.Officers;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.SmsInbound;
using Hotline.Storage;

namespace Hotline;

/// <summary>The app's services and endpoints, feature by feature.</summary>
public static class HotlineApplication
{
    public static WebApplicationBuilder AddHotline(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HotlineJsonContext.Default));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<PublicOptions>().Bind(configuration.GetSection(PublicOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublicUrls>();

        services.AddHotlineStorage(configuration);
        services.AddSingleton<CaseStore>();

        services.AddIntake(configuration);
        services.AddCaseRouting(configuration);
        services.AddHotlineSms(configuration);
        services.AddSmsNotifications();
        services.AddFollowUp(configuration);
        services.AddOfficers();
        services.AddSmsInbound(configuration);
        return builder;
    }

    public static WebApplication UseHotline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();

        app.MapWebForm();
        app.MapSubmissionEndpoints();
        app.MapDirectoryEndpoints();
        app.MapOfficerEndpoints();
        app.MapSmsInboundEndpoints();
        app.MapFunctionInvocations();
        return app;
    }
}
