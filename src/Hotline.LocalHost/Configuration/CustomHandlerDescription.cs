namespace Hotline.LocalHost.Configuration;

/// <summary>
/// host.json <c>customHandler.description</c>.
/// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Workers/Http/Configuration/HttpWorkerOptionsSetup.cs
/// </summary>
internal sealed record CustomHandlerDescription(
    string DefaultExecutablePath,
    string? DefaultWorkerPath,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> WorkerArguments,
    string? WorkingDirectory);
