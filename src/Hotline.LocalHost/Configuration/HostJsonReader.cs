using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;

namespace Hotline.LocalHost.Configuration;

/// <summary>Reads host.json: the custom handler, the HTTP route prefix, the queue settings and functionTimeout.</summary>
internal static class HostJsonReader
{
    public const string FileName = "host.json";

    public static HostConfiguration Read(string appRoot, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string path = Path.Combine(appRoot, FileName);
        if (!File.Exists(path))
        {
            throw new FunctionsConfigurationException($"{path} not found: the app root must hold host.json (is the handler built?).");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), JsonElementExtensions.DocumentOptions);
            return Parse(document.RootElement, path, settings);
        }
        catch (JsonException exception)
        {
            throw new FunctionsConfigurationException($"{path}: not valid JSON ({exception.Message}).", exception);
        }
    }

    public static HostConfiguration Parse(JsonElement root, string where, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();

        // The older "httpWorker" section is still read by the host; "customHandler" wins when both exist.
        JsonElement? handlerSection = root.Property("customHandler") ?? root.Property("httpWorker");
        CustomHandlerDescription? handler = handlerSection is { } section ? ParseHandler(section, where, settings, problems) : null;
        if (handler is null && handlerSection is null)
        {
            problems.Add($"{where}: no customHandler section; the local host runs custom handlers only.");
        }

        JsonElement? extensions = root.Property("extensions");
        string routePrefix = extensions?.Property("http")?.StringProperty("routePrefix") ?? "api";
        QueueTriggerOptions queues = ParseQueues(extensions?.Property("queues"), where, problems);
        TimeSpan? functionTimeout = ParseFunctionTimeout(root.StringProperty("functionTimeout"), where, problems);

        if (problems.Count > 0)
        {
            throw FunctionsConfigurationException.FromProblems(problems);
        }

        return new HostConfiguration(
            handler!,
            handlerSection?.BooleanProperty("enableForwardingHttpRequest") ?? false,
            routePrefix.Trim('/'),
            queues,
            functionTimeout);
    }

    private static CustomHandlerDescription? ParseHandler(JsonElement section, string where, AppSettings settings, List<string> problems)
    {
        JsonElement? description = section.Property("description");
        string executable = description?.StringProperty("defaultExecutablePath") ?? string.Empty;
        if (string.IsNullOrWhiteSpace(executable))
        {
            problems.Add($"{where}: customHandler.description.defaultExecutablePath is required.");
            return null;
        }

        string Expand(string value) => settings.Resolve(value, where + " customHandler", problems);

        string? workerPath = description?.StringProperty("defaultWorkerPath");
        string? workingDirectory = description?.StringProperty("workingDirectory");
        return new CustomHandlerDescription(
            Expand(executable),
            string.IsNullOrWhiteSpace(workerPath) ? null : Expand(workerPath),
            [.. (description?.StringArrayProperty("arguments") ?? []).Select(Expand)],
            [.. (description?.StringArrayProperty("workerArguments") ?? []).Select(Expand)],
            string.IsNullOrWhiteSpace(workingDirectory) ? null : Expand(workingDirectory));
    }

    private static QueueTriggerOptions ParseQueues(JsonElement? section, string where, List<string> problems)
    {
        QueueTriggerOptions defaults = QueueTriggerOptions.Default;
        if (section is not { } queues)
        {
            return defaults;
        }

        TimeSpan maxPolling = ParseTimeSpan(queues.StringProperty("maxPollingInterval"), "extensions.queues.maxPollingInterval", where, problems) ?? defaults.MaxPollingInterval;
        TimeSpan visibility = ParseTimeSpan(queues.StringProperty("visibilityTimeout"), "extensions.queues.visibilityTimeout", where, problems) ?? defaults.VisibilityTimeout;
        int batchSize = ParseInt(queues.StringProperty("batchSize"), "extensions.queues.batchSize", where, problems) ?? defaults.BatchSize;
        int maxDequeue = ParseInt(queues.StringProperty("maxDequeueCount"), "extensions.queues.maxDequeueCount", where, problems) ?? defaults.MaxDequeueCount;

        // Default newBatchThreshold is N*batchSize/2 where N is the vCPU count (1 on Consumption and Flex instances).
        int threshold = ParseInt(queues.StringProperty("newBatchThreshold"), "extensions.queues.newBatchThreshold", where, problems) ?? batchSize / 2;

        QueueMessageEncoding encoding = defaults.MessageEncoding;
        if (queues.StringProperty("messageEncoding") is { } encodingText)
        {
            if (string.Equals(encodingText, "base64", StringComparison.OrdinalIgnoreCase))
            {
                encoding = QueueMessageEncoding.Base64;
            }
            else if (string.Equals(encodingText, "none", StringComparison.OrdinalIgnoreCase))
            {
                encoding = QueueMessageEncoding.None;
            }
            else
            {
                problems.Add($"{where}: extensions.queues.messageEncoding must be 'base64' or 'none', not '{encodingText}'.");
            }
        }

        if (batchSize is < 1 or > QueueTriggerOptions.MaxBatchSize)
        {
            problems.Add($"{where}: extensions.queues.batchSize must be between 1 and {QueueTriggerOptions.MaxBatchSize}.");
        }

        if (threshold < 0)
        {
            problems.Add($"{where}: extensions.queues.newBatchThreshold must not be negative.");
        }

        if (maxDequeue < 1)
        {
            problems.Add($"{where}: extensions.queues.maxDequeueCount must be at least 1.");
        }

        if (maxPolling < QueueTriggerOptions.MinimumPollingInterval)
        {
            problems.Add($"{where}: extensions.queues.maxPollingInterval must be at least 00:00:00.100.");
        }

        if (visibility < TimeSpan.Zero)
        {
            problems.Add($"{where}: extensions.queues.visibilityTimeout must not be negative.");
        }

        return new QueueTriggerOptions(maxPolling, visibility, batchSize, threshold, maxDequeue, encoding);
    }

    private static TimeSpan? ParseFunctionTimeout(string? text, string where, List<string> problems)
    {
        // "-1" means unbounded (Premium/Dedicated/Flex).
        if (text is null || text == "-1")
        {
            return null;
        }

        return ParseTimeSpan(text, "functionTimeout", where, problems);
    }

    private static TimeSpan? ParseTimeSpan(string? text, string name, string where, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value))
        {
            return value;
        }

        problems.Add($"{where}: {name} '{text}' is not a time span (hh:mm:ss).");
        return null;
    }

    private static int? ParseInt(string? text, string name, string where, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        problems.Add($"{where}: {name} '{text}' is not a whole number.");
        return null;
    }
}
