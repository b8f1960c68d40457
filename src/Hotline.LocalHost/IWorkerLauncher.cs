namespace Hotline.LocalHost;

/// <summary>
/// Starts a Functions worker that dials the host's gRPC endpoint given in <see cref="WorkerStartInfo.Arguments"/>.
/// The default starts the process worker.config.json describes; a test may run the worker inside its own process.
/// Disposing the returned handle stops the worker. The host restarts a worker whose stream ends by calling
/// <see cref="StartAsync"/> again (after disposing the old handle).
/// </summary>
public interface IWorkerLauncher
{
    Task<IAsyncDisposable> StartAsync(WorkerStartInfo start, CancellationToken cancellationToken);
}
