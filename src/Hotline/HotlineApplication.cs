using System.Threading.RateLimiting;
using Hotline.Cases;
using Hotline.Classification;
using Hotline.FollowUp;
using Hotline.Hosting;
using Hotline.Intake;
using Hotline.Officers;
using Hotline.Routing;
using Hotline.Sms;
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
        app.MapFunctionInvocations();
        return app;
    }

    private static IServiceCollection AddIntake(this IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<DuplicateReports>();
        services.AddOptions<ClassificationOptions>().Bind(configuration.GetSection(ClassificationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new CaseClassifier(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClassificationOptions>>().Value));
        services.AddSingleton<CaseIntake>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, token) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many submissions", Detail = "Please wait a minute and try again." },
                });
            };
            limiter.AddPolicy(SubmissionEndpoints.RateLimitPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntakeOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.SubmissionsPerWindow,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }
}
