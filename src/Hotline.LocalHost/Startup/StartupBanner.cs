using System.Globalization;
using Hotline.LocalHost.Configuration;
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
        FunctionApp app,
        Uri baseAddress,
        FunctionKeys keys,
        string keysPath,
        string storageDescription,
        IReadOnlyDictionary<string, TimerTriggerListener> timers)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timers);
        string root = baseAddress.ToString().TrimEnd('/');
        writer.WriteLine();
        writer.WriteLine("Functions:");
        writer.WriteLine();
        foreach (FunctionDefinition function in app.Catalog.Functions.Where(f => f.Trigger is HttpTriggerBinding).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var trigger = (HttpTriggerBinding)function.Trigger;
            string methods = trigger.Methods.Count == 0 ? "ALL" : string.Join(',', trigger.Methods);
            string auth = trigger.AuthLevel == AuthorizationLevel.Anonymous ? string.Empty : $"  (authLevel {trigger.AuthLevel.ToString().ToLowerInvariant()}: key required)";
            writer.WriteLine($"{Indent}{function.Name}: [{methods}] {root}{HttpTriggerEndpoints.Pattern(app.Host.RoutePrefix, trigger.Route)}{auth}");
        }

        writer.WriteLine();
        foreach (FunctionDefinition function in app.Catalog.Functions.Where(f => f.Trigger is not HttpTriggerBinding).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            writer.WriteLine(function.Trigger switch
            {
                QueueTriggerBinding queue => $"{Indent}{function.Name}: queueTrigger (queue '{queue.QueueName}', poison '{queue.PoisonQueueName}')",
                TimerTriggerBinding timer => $"{Indent}{function.Name}: timerTrigger (schedule '{timer.Schedule}' UTC{NextRun(timers, function.Name)}{(timer.RunOnStartup ? ", runOnStartup" : string.Empty)})",
                _ => $"{Indent}{function.Name}: {function.Trigger.Type}",
            });
        }

        foreach (string name in app.Catalog.Disabled)
        {
            writer.WriteLine($"{Indent}{name}: disabled");
        }

        QueueTriggerOptions queues = app.Host.Queues;
        writer.WriteLine();
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Queues: batchSize {queues.BatchSize}, newBatchThreshold {queues.NewBatchThreshold}, maxDequeueCount {queues.MaxDequeueCount}, visibilityTimeout {queues.VisibilityTimeout}, maxPollingInterval {queues.MaxPollingInterval}, messageEncoding {queues.MessageEncoding.ToString().ToLowerInvariant()}"));
        writer.WriteLine($"Storage: {storageDescription}");
        writer.WriteLine();
        writer.WriteLine($"Keys (send as the '{KeyAuthorization.HeaderName}' header or the '?{KeyAuthorization.QueryName}=' query parameter; kept in {keysPath}):");
        writer.WriteLine($"{Indent}master   {keys.MasterKey}   (admin endpoints and every function)");
        writer.WriteLine($"{Indent}function {keys.FunctionKey}   (authLevel function)");
        writer.WriteLine();
        writer.WriteLine($"Run a queue or timer function now: POST {root}/admin/functions/{{name}} with the master key and {{\"input\":\"...\"}}");
        writer.WriteLine();
    }

    private static string NextRun(IReadOnlyDictionary<string, TimerTriggerListener> timers, string name) =>
        timers.TryGetValue(name, out TimerTriggerListener? timer) && timer.NextOccurrence is { } next
            ? ", next " + next.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : string.Empty;
}
