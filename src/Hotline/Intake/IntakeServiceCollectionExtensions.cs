using Hotline.Classification;
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
        services.AddSingleton<IntakeRateLimits>();
        return services;
    }
}
