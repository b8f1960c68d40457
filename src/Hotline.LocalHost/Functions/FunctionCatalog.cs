using System.Text.Json;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Rpc;

namespace Hotline.LocalHost.Functions;

/// <summary>
/// The functions of the worker's FunctionMetadataResponse. Trigger details (route, methods, authLevel, queueName,
/// schedule, connection, supportsDeferredBinding) are only in the JSON <c>raw_bindings</c>; <c>%Name%</c>
/// expressions in them are resolved from the app settings, as the host's name resolver does.
/// </summary>
internal sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<WorkerFunction> functions)
    {
        Functions = functions;
    }

    public IReadOnlyList<WorkerFunction> Functions { get; }

    public WorkerFunction? Find(string name) =>
        Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public static FunctionCatalog Build(IEnumerable<RpcFunctionMetadata> metadata, HostConfiguration host, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        var functions = new List<WorkerFunction>();
        foreach (RpcFunctionMetadata function in metadata)
        {
            if (Parse(function, host, settings, problems) is { } parsed)
            {
                functions.Add(parsed);
            }
        }

        if (problems.Count > 0)
        {
            throw FunctionsConfigurationException.FromProblems(problems);
        }

        return new FunctionCatalog(functions);
    }

    /// <summary>The URL path template: the route prefix (may be empty) and the function's route.</summary>
    public static string RouteTemplate(string routePrefix, string route) =>
        "/" + string.Join('/', new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(part => part.Length > 0));

    private static WorkerFunction? Parse(RpcFunctionMetadata function, HostConfiguration host, AppSettings settings, List<string> problems)
    {
        string where = $"function '{function.Name}'";
        var bindings = new List<JsonElement>();
        foreach (string raw in function.RawBindings)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(raw);
                bindings.Add(document.RootElement.Clone());
            }
            catch (JsonException exception)
            {
                problems.Add($"{where}: a raw binding is not JSON ({exception.Message}).");
                return null;
            }
        }

        JsonElement[] triggers = [.. bindings.Where(b => (b.StringProperty("type") ?? string.Empty).EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))];
        if (triggers.Length != 1)
        {
            problems.Add($"{where}: {triggers.Length} triggers declared; a function has exactly one.");
            return null;
        }

        JsonElement trigger = triggers[0];
        string triggerType = trigger.StringProperty("type")!;
        string triggerName = trigger.StringProperty("name") ?? string.Empty;
        string Resolve(string value) => settings.Resolve(value, where, problems);

        var outputs = new List<OutputBinding>();
        foreach (JsonElement binding in bindings)
        {
            string type = binding.StringProperty("type") ?? string.Empty;
            bool isOut = string.Equals(binding.StringProperty("direction"), "Out", StringComparison.OrdinalIgnoreCase);
            if (!isOut || string.Equals(type, "http", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!string.Equals(type, "queue", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: output binding type '{type}' is not supported by the local host (queue outputs are).");
                continue;
            }

            string? queueName = binding.StringProperty("queueName") is { } q ? Resolve(q).ToLowerInvariant() : null;
            outputs.Add(new OutputBinding(binding.StringProperty("name") ?? OutputBinding.ReturnName, type, queueName, binding.StringProperty("connection")));
        }

        BindingInfo.Types.DataType dataType = function.Bindings.TryGetValue(triggerName, out BindingInfo? info) ? info.DataType : BindingInfo.Types.DataType.Undefined;
        bool deferred = string.Equals(trigger.Property("properties")?.StringProperty("supportsDeferredBinding"), "true", StringComparison.OrdinalIgnoreCase);
        string? route = null;
        IReadOnlyList<string> methods = [];
        AuthLevel authLevel = AuthLevel.Anonymous;
        string? queue = null;
        string? schedule = null;
        FunctionTriggerKind kind;
        switch (triggerType.ToLowerInvariant())
        {
            case "httptrigger":
                kind = FunctionTriggerKind.Http;
                route = RouteTemplate(host.RoutePrefix, trigger.StringProperty("route") ?? function.Name);
                methods = [.. trigger.StringArrayProperty("methods").Select(m => m.ToUpperInvariant())];
                authLevel = ParseAuthLevel(trigger.StringProperty("authLevel"), where, problems);
                break;
            case "queuetrigger":
                kind = FunctionTriggerKind.Queue;
                queue = Resolve(trigger.StringProperty("queueName") ?? string.Empty).ToLowerInvariant();
                if (queue.Length is < 3 or > 63)
                {
                    problems.Add($"{where}: queue name '{queue}' must have 3 to 63 characters.");
                }

                break;
            case "timertrigger":
                kind = FunctionTriggerKind.Timer;
                schedule = Resolve(trigger.StringProperty("schedule") ?? string.Empty);
                if (!Timers.CronTimerSchedule.TryParse(schedule, out _))
                {
                    problems.Add($"{where}: schedule '{schedule}' is not an NCRONTAB expression.");
                }

                break;
            default:
                kind = FunctionTriggerKind.Other;
                break;
        }

        return new WorkerFunction(
            new FunctionInfo(function.Name, kind, triggerType, route, methods, authLevel, queue, schedule),
            function.FunctionId,
            function,
            triggerName,
            trigger.StringProperty("connection"),
            dataType,
            deferred,
            trigger.BooleanProperty("runOnStartup") ?? false,
            trigger.BooleanProperty("useMonitor"),
            settings.IsFunctionDisabled(function.Name),
            outputs);
    }

    private static AuthLevel ParseAuthLevel(string? text, string where, List<string> problems)
    {
        if (text is null)
        {
            return AuthLevel.Function;
        }

        if (Enum.TryParse(text, ignoreCase: true, out AuthLevel level) && Enum.IsDefined(level))
        {
            return level;
        }

        // "System" and "User" exist in the SDK enum but are not usable for app functions.
        problems.Add($"{where}: authLevel '{text}' is not anonymous, function or admin.");
        return AuthLevel.Admin;
    }
}
