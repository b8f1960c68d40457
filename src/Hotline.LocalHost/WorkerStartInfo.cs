namespace Hotline.LocalHost;

/// <summary>
/// What the Functions host gives a worker: the command-line arguments (<c>--functions-uri</c>,
/// <c>--functions-worker-id</c>, <c>--functions-request-id</c>, <c>--functions-grpc-max-message-length</c> and the
/// older <c>--host/--port/...</c> switches), the environment on top of the host's own (app settings,
/// <c>FUNCTIONS_APPLICATION_DIRECTORY</c>, <c>AzureWebJobsStorage</c>, ...), and the app directory (working directory).
/// </summary>
public sealed record WorkerStartInfo(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment, string AppDirectory)
{
    /// <summary>The id the worker must send in its StartStream; a stream with another id is refused.</summary>
    public required string WorkerId { get; init; }
}
