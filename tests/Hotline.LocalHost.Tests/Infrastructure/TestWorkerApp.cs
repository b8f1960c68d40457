using Azure.Storage.Queues;
using Hotline.Testing;

namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>The test worker's build output and the app settings it needs (its queue names and timer schedule).</summary>
internal static class TestWorkerApp
{
    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "Hotline.LocalHost.TestWorker", "bin", Configuration, "net10.0");

    /// <summary>Unique queue names per host, so test classes sharing nothing but Azurite never see each other's messages.</summary>
    public static Dictionary<string, string?> Settings(string timerSchedule = "0 0 0 1 1 *", string slowTimerSchedule = "0 0 0 1 1 *") => new(StringComparer.OrdinalIgnoreCase)
    {
        ["OrdersQueue"] = UniqueName.Queue("orders"),
        ["OrdersDoneQueue"] = UniqueName.Queue("orders-done"),
        ["RawQueue"] = UniqueName.Queue("raw"),
        ["FailQueue"] = UniqueName.Queue("fail"),
        ["OutQueue"] = UniqueName.Queue("out"),
        ["TickSchedule"] = timerSchedule,
        ["SlowTickSchedule"] = slowTimerSchedule,
    };

    /// <summary>A client that sends and reads raw text (the host's messages are base64 of UTF-8).</summary>
    public static QueueClient Queue(string connectionString, string name)
    {
        var queue = new QueueClient(connectionString, name, new QueueClientOptions(Hotline.LocalHost.Storage.QueueStorage.AzuriteServiceVersion) { MessageEncoding = QueueMessageEncoding.None });
        queue.CreateIfNotExists();
        return queue;
    }

    public static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    public static string FromBase64(string text) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(text));
}
