using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotline.Hosting;

public static class ClockServiceCollectionExtensions
{
    /// <summary>
    /// The app's one <see cref="TimeProvider"/>: the system clock, or in the local run with
    /// <c>Hotline:Clock:StartAt</c> the clock the local host moves (validated at start: refused outside the local run).
    /// </summary>
    public static IServiceCollection AddHotlineClock(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ClockOptions>()
            .Bind(configuration.GetSection(ClockOptions.Section))
            .Configure(o => o.LocalHostClockFile = configuration[LocalRunClock.FileVariable])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClockOptions>, ClockOptionsValidator>();

        // Decided when first resolved, so configuration added after this call (tests, the in-process worker) counts.
        services.AddSingleton<TimeProvider>(sp =>
        {
            ClockOptions options = sp.GetRequiredService<IOptions<ClockOptions>>().Value;
            return string.IsNullOrWhiteSpace(options.StartAt) ? TimeProvider.System : LocalRunClock.Open(options.LocalHostClockFile!);
        });
        return services;
    }
}
