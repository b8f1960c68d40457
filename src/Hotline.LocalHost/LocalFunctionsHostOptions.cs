using System.Globalization;

namespace Hotline.LocalHost;

/// <summary>How to run the local host; <see cref="Validate"/> runs before anything starts.</summary>
internal sealed class LocalFunctionsHostOptions
{
    /// <summary>The Functions default local port.</summary>
    public const int DefaultPort = 7071;

    /// <summary>The deployable package: host.json, one folder per function, the handler.</summary>
    public required string AppRoot { get; init; }

    /// <summary>The checkout root: node_modules (Azurite), .azurite, .local/keys.json, local.settings.json.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Kestrel's port on 127.0.0.1; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Storage for the triggers and the handler; null uses the AzureWebJobsStorage setting or else starts Azurite.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>An already running handler (tests); null starts the one host.json describes.</summary>
    public Uri? HandlerBaseAddress { get; init; }

    /// <summary>Where the local keys are kept; defaults to &lt;repository&gt;/.local/keys.json.</summary>
    public string? KeysPath { get; init; }

    /// <summary>Azurite's data folder; defaults to &lt;repository&gt;/.azurite.</summary>
    public string? AzuriteDataDirectory { get; init; }

    /// <summary>The host's limit for the handler to answer its first request.</summary>
    public TimeSpan HandlerStartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long stopping waits for invocations in flight before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the start-up banner (functions, URLs, keys) goes.</summary>
    public TextWriter? BannerWriter { get; init; }

    public string ResolvedKeysPath => KeysPath ?? Path.Combine(RepositoryRoot ?? AppRoot, ".local", "keys.json");

    public string ResolvedAzuriteDataDirectory => AzuriteDataDirectory ?? Path.Combine(RepositoryRoot ?? AppRoot, ".azurite");

    /// <summary>
    /// Reads <c>--app-root DIR</c> and <c>--port N</c>; the app root defaults to the handler's Debug build output.
    /// </summary>
    public static LocalFunctionsHostOptions FromCommandLine(IReadOnlyList<string> args, string? repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? appRoot = null;
        int port = DefaultPort;
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--app-root":
                    appRoot = value;
                    i++;
                    break;
                case "--port":
                    port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed)
                        ? parsed
                        : throw new ArgumentException($"--port '{value}' is not a port number.");
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}' (use --app-root DIR, --port N).");
            }
        }

        appRoot ??= repositoryRoot is null
            ? throw new ArgumentException($"No {LocalHost.RepositoryRoot.SolutionFile} found above the current folder: pass --app-root.")
            : Path.Combine(repositoryRoot, "src", "Hotline", "bin", "Debug", "net10.0");
        return new LocalFunctionsHostOptions { AppRoot = Path.GetFullPath(appRoot), RepositoryRoot = repositoryRoot, Port = port };
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(AppRoot))
        {
            problems.Add("AppRoot is required.");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"Port {Port} is not a TCP port.");
        }

        if (HandlerBaseAddress is { IsAbsoluteUri: false })
        {
            problems.Add("HandlerBaseAddress must be an absolute URL.");
        }

        if (HandlerStartupTimeout <= TimeSpan.Zero || ShutdownTimeout < TimeSpan.Zero)
        {
            problems.Add("HandlerStartupTimeout must be positive and ShutdownTimeout not negative.");
        }

        return problems;
    }
}
