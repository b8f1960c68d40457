using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.LocalHost.Timers;

namespace Hotline.LocalHost.Configuration;

/// <summary>
/// Reads <c>&lt;app root&gt;/&lt;FunctionName&gt;/function.json</c> files into <see cref="FunctionDefinition"/>s, resolving
/// %Setting% references and collecting every problem before failing.
/// https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#application-structure
/// </summary>
internal static partial class FunctionJsonReader
{
    public const string FileName = "function.json";

    public static FunctionCatalog ReadAll(string appRoot, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        var functions = new List<FunctionDefinition>();
        var disabled = new List<string>();
        foreach (string directory in Directory.EnumerateDirectories(appRoot).Order(StringComparer.Ordinal))
        {
            string path = Path.Combine(directory, FileName);
            if (!File.Exists(path))
            {
                continue;
            }

            string name = Path.GetFileName(directory);
            try
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), JsonElementExtensions.DocumentOptions);
                if (document.RootElement.BooleanProperty("disabled") == true || settings.IsFunctionDisabled(name))
                {
                    disabled.Add(name);
                    continue;
                }

                if (Parse(name, document.RootElement, path, settings, problems) is { } function)
                {
                    functions.Add(function);
                }
            }
            catch (JsonException exception)
            {
                problems.Add($"{path}: not valid JSON ({exception.Message}).");
            }
        }

        if (problems.Count > 0)
        {
            throw FunctionsConfigurationException.FromProblems(problems);
        }

        return new FunctionCatalog(functions, disabled);
    }

    public static FunctionDefinition? Parse(string name, JsonElement root, string where, AppSettings settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(problems);
        int before = problems.Count;
        if (!ValidFunctionName().IsMatch(name))
        {
            problems.Add($"{where}: '{name}' is not a valid function name (letters, digits, '_' and '-', starting with a letter).");
        }

        TriggerBinding? trigger = null;
        var otherInputs = new List<string>();
        var outputs = new List<OutputBinding>();
        JsonElement bindings = root.Property("bindings") ?? default;
        if (bindings.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{where}: 'bindings' must be an array.");
            return null;
        }

        foreach (JsonElement binding in bindings.EnumerateArray())
        {
            string type = binding.StringProperty("type") ?? string.Empty;
            string bindingName = binding.StringProperty("name") ?? string.Empty;
            string direction = binding.StringProperty("direction") ?? string.Empty;
            if (bindingName.Length == 0 || type.Length == 0)
            {
                problems.Add($"{where}: every binding needs a 'type' and a 'name'.");
                continue;
            }

            bool isTrigger = type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);
            if (isTrigger)
            {
                if (trigger is not null)
                {
                    problems.Add($"{where}: a function has exactly one trigger binding.");
                    continue;
                }

                trigger = ParseTrigger(name, type, bindingName, binding, where, settings, problems);
            }
            else if (string.Equals(direction, "out", StringComparison.OrdinalIgnoreCase))
            {
                outputs.Add(ParseOutput(type, bindingName, binding, where, settings, problems));
            }
            else
            {
                problems.Add($"{where}: input binding '{bindingName}' of type '{type}' is not supported by the local host.");
                otherInputs.Add(bindingName);
            }
        }

        if (trigger is null && problems.Count == before)
        {
            problems.Add($"{where}: no trigger binding (httpTrigger, queueTrigger or timerTrigger).");
        }

        return problems.Count == before && trigger is not null
            ? new FunctionDefinition(name, trigger, otherInputs, outputs)
            : null;
    }

    private static TriggerBinding? ParseTrigger(
        string functionName, string type, string name, JsonElement binding, string where, AppSettings settings, ICollection<string> problems)
    {
        if (string.Equals(type, "httpTrigger", StringComparison.OrdinalIgnoreCase))
        {
            return new HttpTriggerBinding(
                name,
                [.. binding.StringArrayProperty("methods").Select(m => m.ToUpperInvariant())],
                (binding.StringProperty("route") ?? functionName).Trim('/'),
                ParseAuthLevel(binding.StringProperty("authLevel"), where, problems));
        }

        if (string.Equals(type, "queueTrigger", StringComparison.OrdinalIgnoreCase))
        {
            string queueName = QueueName(binding, where, settings, problems);
            return new QueueTriggerBinding(name, queueName, binding.StringProperty("connection"));
        }

        if (string.Equals(type, "timerTrigger", StringComparison.OrdinalIgnoreCase))
        {
            string schedule = settings.Resolve(binding.StringProperty("schedule") ?? string.Empty, where + " schedule", problems);
            if (!CronTimerSchedule.TryParse(schedule, out _))
            {
                problems.Add($"{where}: schedule '{schedule}' is not an NCRONTAB expression (TimeSpan schedules only run on Dedicated plans).");
            }

            return new TimerTriggerBinding(name, schedule, binding.BooleanProperty("runOnStartup") ?? false, binding.BooleanProperty("useMonitor"));
        }

        problems.Add($"{where}: trigger type '{type}' is not supported by the local host (httpTrigger, queueTrigger, timerTrigger).");
        return null;
    }

    private static OutputBinding ParseOutput(string type, string name, JsonElement binding, string where, AppSettings settings, ICollection<string> problems)
    {
        var output = new OutputBinding(type, name, null, binding.StringProperty("connection"));
        if (output.IsQueue)
        {
            return output with { QueueName = QueueName(binding, where, settings, problems) };
        }

        if (!output.IsHttp)
        {
            problems.Add($"{where}: output binding '{name}' of type '{type}' is not supported by the local host (http, queue).");
        }

        return output;
    }

    /// <summary>The host resolves %Setting%, lower-cases the name and validates it against the Storage naming rules.</summary>
    private static string QueueName(JsonElement binding, string where, AppSettings settings, ICollection<string> problems)
    {
        string queueName = settings.Resolve(binding.StringProperty("queueName") ?? string.Empty, where + " queueName", problems).ToLowerInvariant();
        if (!ValidQueueName().IsMatch(queueName) || queueName.Contains("--", StringComparison.Ordinal))
        {
            problems.Add($"{where}: '{queueName}' is not a valid queue name (3-63 lower-case letters, digits and single hyphens).");
        }

        return queueName;
    }

    private static AuthorizationLevel ParseAuthLevel(string? text, string where, ICollection<string> problems)
    {
        if (text is null)
        {
            return AuthorizationLevel.Function;
        }

        if (Enum.TryParse(text, ignoreCase: true, out AuthorizationLevel level) && Enum.IsDefined(level))
        {
            return level;
        }

        problems.Add($"{where}: authLevel '{text}' must be anonymous, function or admin.");
        return AuthorizationLevel.Function;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidFunctionName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidQueueName();
}
