using Microsoft.Extensions.Hosting;

namespace Hotline.LocalHost;

/// <summary>
/// The embedded web server must not react to Ctrl+C or SIGTERM by itself: <see cref="LocalFunctionsHost"/> decides
/// the shutdown order (pollers, in-flight invocations, worker, Azurite).
/// </summary>
internal sealed class ExternallyControlledLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
