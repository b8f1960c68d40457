using Microsoft.Extensions.Options;

namespace Hotline.Routing;

/// <summary>
/// Says at start where cases no unit covers will go, so whoever starts the app (the local run's console, the
/// deployment's log stream) sees the admin's choice before the first such case arrives.
/// </summary>
internal sealed partial class DefaultUnitAnnouncement(IOptions<RoutingOptions> options, ILogger<DefaultUnitAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDefaultUnit(logger, options.Value.DefaultUnitId ?? "");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Default unit for regions no unit covers: {DefaultUnitId} (Hotline:Routing:DefaultUnitId)")]
    private static partial void LogDefaultUnit(ILogger logger, string defaultUnitId);
}
