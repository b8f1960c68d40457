using Azure.Core.Serialization;
using Hotline.Bulletin;
using Hotline.Callback;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Hosting;
using Hotline.Intake;
using Hotline.Officers;
using Hotline.Open311;
using Hotline.Retention;
using Hotline.Ledger;
using Hotline.Reports;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.SmsInbound;
using Hotline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;

namespace Hotline;

/// <summary>The app's services and the worker middleware that cuts across functions, feature by feature.</summary>
public static class HotlineApplication
{
    public static FunctionsApplicationBuilder AddHotline(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HotlineJsonContext.Default));

        // Queue messages bind to their records (RouteCaseMessage, SmsRequest) with the same contract the senders write.
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(HotlineJsonContext.Default.Options));
        services.AddHotlineClock(configuration);
        services.AddOptions<PublicOptions>().Bind(configuration.GetSection(PublicOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublicUrls>();
        services.AddRequestBodyLimits();

        services.AddHotlineStorage(configuration);
        services.AddSingleton<CaseStore>();
        services.AddSingleton<UnitCaseIndex>();
        services.AddReports();

        services.AddIntake(configuration);
        services.AddCaseRouting(configuration);
        services.AddHotlineSms(configuration);
        services.AddSmsNotifications();
        services.AddFollowUp(configuration);
        services.AddBulletin(configuration);
        services.AddOfficers();
        services.AddSmsInbound(configuration);
        services.AddCallback(configuration);
        services.AddOpen311(configuration);
        services.AddRetention(configuration);
        services.AddLedger();

        // Outermost first: an exception anywhere below becomes a problem detail (storage out of reach: 503), a refused
        // request never reaches a function.
        builder.UseWhen<HttpProblemsMiddleware>(HttpProblemsMiddleware.AppliesTo);
        builder.UseWhen<StorageUnavailableMiddleware>(StorageUnavailableMiddleware.AppliesTo);
        builder.UseWhen<Open311ErrorsMiddleware>(Open311Functions.AppliesTo);
        builder.UseWhen<RateLimitMiddleware>(RateLimitMiddleware.AppliesTo);
        builder.UseWhen<OfficerAuthenticationMiddleware>(OfficerAuthenticationMiddleware.AppliesTo);
        builder.UseWhen<CaseTicketMiddleware>(CaseTicketMiddleware.AppliesTo);
        return builder;
    }
}
