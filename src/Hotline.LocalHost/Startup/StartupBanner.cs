using System.Globalization;
using Hotline.LocalHost.Clock;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Http;
using Hotline.LocalHost.Timers;

namespace Hotline.LocalHost.Startup;

/// <summary>
/// What <c>func start</c> prints: every function with its methods and URL (HTTP) or its trigger and queue or
/// schedule, then the local keys and how to pass them. Written to the console, not to the logs, because it holds the keys.
/// </summary>
internal static class StartupBanner
{
    private const string Indent = "        ";

    public static void Write(
        TextWriter writer,
        IReadOnlyList<WorkerFunction> functions,
        HostConfiguration host,
        Uri baseAddress,
        FunctionKeys keys,
        string keysWhere,
        string storageDescription,
        IReadOnlyDictionary<string, TimerTriggerListener> timers,
        MovedClock? clock)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timers);
        string root = baseAddress.ToString().TrimEnd('/');
        writer.WriteLine();
        writer.WriteLine("Functions:");
        writer.WriteLine();
        foreach (WorkerFunction function in functions.OrderBy(f => f.Info.Trigger != FunctionTriggerKind.Http).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            FunctionInfo info = function.Info;
            string line = info.Trigger switch
            {
                FunctionTriggerKind.Http => $"{info.Name}: [{(info.Methods.Count == 0 ? "ALL" : string.Join(',', info.Methods))}] {root}{info.Route}" +
                    (info.AuthLevel == AuthLevel.Anonymous ? string.Empty : $"  (authLevel {info.AuthLevel.ToString().ToLowerInvariant()}: key required)"),
                FunctionTriggerKind.Queue => $"{info.Name}: queueTrigger (queue '{info.QueueName}', poison '{info.QueueName}-poison')",
                FunctionTriggerKind.Timer => $"{info.Name}: timerTrigger (schedule '{info.Schedule}' UTC{NextRun(timers, info.Name)}{(function.RunOnStartup ? ", runOnStartup" : string.Empty)})",
                _ => $"{info.Name}: {info.TriggerType} (not run by the local host)",
            };
            writer.WriteLine(Indent + line + (function.Disabled ? "  (disabled)" : string.Empty));
        }

        QueueTriggerOptions queues = host.Queues;
        writer.WriteLine();
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Queues: batchSize {queues.BatchSize}, newBatchThreshold {queues.NewBatchThreshold}, maxDequeueCount {queues.MaxDequeueCount}, visibilityTimeout {queues.VisibilityTimeout}, maxPollingInterval {queues.MaxPollingInterval}, messageEncoding {(queues.Base64Encoding ? "base64" : "none")}"));
        writer.WriteLine($"Storage: {storageDescription}");
        writer.WriteLine();
        writer.WriteLine($"Keys (send as the '{KeyAuthorization.HeaderName}' header or the '?{KeyAuthorization.QueryName}=' query parameter; {keysWhere}):");
        writer.WriteLine($"{Indent}master   {keys.MasterKey}   (admin endpoints and every function)");
        writer.WriteLine($"{Indent}function {keys.FunctionKey}   (authLevel function)");
        writer.WriteLine();
        writer.WriteLine($"Run a queue or timer function now: POST {root}/admin/functions/{{name}} with the master key and {{\"input\":\"...\"}}");
        writer.WriteLine();
        if (clock is not null)
        {
            string format = "yyyy-MM-dd'T'HH:mm:sszzz";
            writer.WriteLine(
                $"Clock: MOVED ({MovedClock.StartAtSetting}={clock.StartAt.ToString(format, CultureInfo.InvariantCulture)}), now " +
                $"{clock.GetUtcNow().ToOffset(clock.StartAt.Offset).ToString(format, CultureInfo.InvariantCulture)}, at real speed; the app and the timers use it.");
            writer.WriteLine($"{Indent}move it forward: POST {root}/admin/clock with the master key and {{\"advance\":\"PT8H\"}} or {{\"to\":\"<instant with offset>\"}}; GET shows it");
            writer.WriteLine();
        }
    }

    private static string NextRun(IReadOnlyDictionary<string, TimerTriggerListener> timers, string name) =>
        timers.TryGetValue(name, out TimerTriggerListener? timer) && timer.NextOccurrence is { } next
            ? ", next " + next.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : string.Empty;
}
