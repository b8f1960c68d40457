using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost;

/// <summary>How to run the local Functions host; validated before anything starts.</summary>
public sealed class LocalFunctionsHostOptions
{
    /// <summary>The Functions default local port.</summary>
    public const int DefaultPort = 7071;

    /// <summary>The worker's build output: worker.config.json, host.json, the app dll (and local.settings.json if any).</summary>
    public required string AppDirectory { get; init; }

    /// <summary>The port on 127.0.0.1 for HTTP functions and the admin API; 0 picks a free one.</summary>
    public int HttpPort { get; init; }

    /// <summary>Storage for the triggers, the outputs and the worker's AzureWebJobsStorage; null uses the
    /// AzureWebJobsStorage setting, else starts Azurite from the repository's npm lock.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>App settings on top of local.settings.json and the environment; the worker gets them as environment
    /// variables, the host resolves <c>%Name%</c> binding expressions with them. A null value removes a setting.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether queue triggers poll their queues (false: only <see cref="LocalFunctionsHost.InvokeAsync"/> and the admin API run them).</summary>
    public bool RunQueueListeners { get; init; } = true;

    /// <summary>Whether timers fire on their schedules.</summary>
    public bool RunTimers { get; init; } = true;

    /// <summary>Starts the worker; null starts the process worker.config.json describes.</summary>
    public IWorkerLauncher? WorkerLauncher { get; init; }

    /// <summary>Where the worker's logs and the host's own go; null writes to the console.</summary>
    public ILoggerProvider? LoggerProvider { get; init; }

    /// <summary>The checkout root (node_modules for Azurite, .azurite, .local/keys.json); null finds Hotline.sln upwards.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Where the local keys are kept; null generates new keys for this run only (tests). The command uses .local/keys.json.</summary>
    public string? KeysPath { get; init; }

    /// <summary>Where the start-up banner (functions, URLs, keys) goes; null writes none.</summary>
    public TextWriter? BannerWriter { get; init; }

    /// <summary>How long the worker may take from start to loaded functions.</summary>
    public TimeSpan WorkerStartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long stopping waits for invocations in flight before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of timers and trigger metadata. With the app setting <c>Hotline__Clock__StartAt</c> the moved
    /// clock runs on top of it; a worker process adds the moved offset to the system clock, so keep the default then.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    internal IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(AppDirectory))
        {
            problems.Add("AppDirectory is required.");
        }
        else if (!Directory.Exists(AppDirectory))
        {
            problems.Add($"AppDirectory '{AppDirectory}' does not exist (is the app built?).");
        }

        if (HttpPort is < 0 or > 65535)
        {
            problems.Add($"HttpPort {HttpPort} is not a TCP port.");
        }

        if (WorkerStartTimeout <= TimeSpan.Zero || ShutdownTimeout < TimeSpan.Zero)
        {
            problems.Add("WorkerStartTimeout must be positive and ShutdownTimeout not negative.");
        }

        return problems;
    }
}
