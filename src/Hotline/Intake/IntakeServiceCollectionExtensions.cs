using System.Threading.RateLimiting;
using Hotline.Classification;
using Hotline.Hosting;
using Microsoft.Extensions.Options;

namespace Hotline.Intake;

public static class IntakeServiceCollectionExtensions
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<DuplicateReports>();
        services.AddOptions<ClassificationOptions>().Bind(configuration.GetSection(ClassificationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new CaseClassifier(sp.GetRequiredService<IOptions<ClassificationOptions>>().Value));
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
                var options = context.RequestServices.GetRequiredService<IOptions<IntakeOptions>>().Value;
                return PerClient(context, options.SubmissionsPerWindow, options.RateLimitWindow);
            });
            limiter.AddPolicy(SubmissionEndpoints.StatusRateLimitPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<IntakeOptions>>().Value;
                return PerClient(context, options.StatusLookupsPerWindow, options.RateLimitWindow);
            });
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
}
