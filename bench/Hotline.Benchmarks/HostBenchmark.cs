using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Hotline.LocalHost;
using Hotline.Testing;

namespace Hotline.Benchmarks;

/// <summary>
/// The whole path as a caller meets it: the local host in this process, the real worker in its own process, Azurite.
/// Intake (HTTP → worker → storage → queue → 202) at concurrency 1, 8 and 16 against the same table and queue
/// writes made straight with the SDKs at the same concurrency; the worker's cold start against the small test worker
/// started the same way; and the worker's and this process's peak memory. Every figure is a ratio to a floor measured
/// in the same run.
/// </summary>
internal static class HostBenchmark
{
    private static readonly int[] Concurrency = [1, 8, 16];

    public static async Task<int> RunAsync(string[] args)
    {
        var perLevel = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
        var release = Path.Combine("bin", "Release", "net10.0");
        var app = Path.Combine(RepositoryPaths.Root, "src", "Hotline", release);
        var empty = Path.Combine(RepositoryPaths.Root, "tests", "Hotline.LocalHost.TestWorker", release);
        await using var azurite = await AzuriteInstance.StartAsync();
        var directoryPath = Path.Combine(Path.GetTempPath(), $"hotline-bench-directory-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(directoryPath, BenchmarkDirectory.Json);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Hotline__Routing__DirectoryPath"] = directoryPath,
            ["Hotline__Routing__DefaultUnitId"] = "city",
            ["Hotline__Sms__Provider"] = "Outbox",
            ["Hotline__Open311__ApiKeys"] = "bench-open311-key",

            // One client sends everything here; the per-source limit would answer 429 to the benchmark itself.
            ["Hotline__Intake__SubmissionsPerWindow"] = "10000",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        Console.WriteLine($"Hotline host benchmark: {perLevel} submissions per concurrency level, local host in process, worker process, Azurite; {Environment.ProcessorCount} cores");

        var hotlineStart = await ColdStartsAsync(app, "/api/regions", azurite, settings);
        var emptyStart = await ColdStartsAsync(empty, "/items/special", azurite, SmallWorkerSettings);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold start (worker process start → first 200), median of 5: hotline {hotlineStart:F0} ms, small test worker {emptyStart:F0} ms; ratio {hotlineStart / emptyStart:F2}   target: at most 1.50"));

        await using var host = await LocalFunctionsHost.StartAsync(Options(app, azurite, settings), CancellationToken.None);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        await SubmitAsync(client, -1);
        var raw = new RawIntakeWrites(azurite.ConnectionString);
        await raw.CreateAsync();

        var next = 0;
        foreach (var level in Concurrency)
        {
            var floor = await LoadAsync(perLevel, level, _ => raw.WriteAsync());
            var intake = await LoadAsync(perLevel, level, _ => SubmitAsync(client, Interlocked.Increment(ref next)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"intake at {level,2}: {intake.Rate,6:F0} accepted/s p50 {intake.P50,7:F1} ms p99 {intake.P99,7:F1} ms | raw writes {floor.Rate,6:F0}/s p50 {floor.P50,6:F1} ms | ratio {intake.Rate / floor.Rate:F2}   target: at least 0.80"));
        }

        // The worker processes this process started: their command runs Hotline.dll.
        var worker = ProcFs.Children(Environment.ProcessId).Where(c => c.Command.Any(a => a.Contains("Hotline.dll", StringComparison.Ordinal))).Select(c => ProcFs.PeakKilobytes(c.Pid) / 1024.0).DefaultIfEmpty(0).Max();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set: worker {worker:F0} MB (target: at most 150), this process (local host + load) {ProcFs.PeakKilobytes(Environment.ProcessId) / 1024.0:F0} MB"));
        File.Delete(directoryPath);
        return 0;
    }

    /// <summary>The names the small test worker's bindings ask for; its queues and timers stay idle here.</summary>
    private static readonly Dictionary<string, string?> SmallWorkerSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OrdersQueue"] = "bench-orders",
        ["OrdersDoneQueue"] = "bench-orders-done",
        ["RawQueue"] = "bench-raw",
        ["FailQueue"] = "bench-fail",
        ["OutQueue"] = "bench-out",
        ["TickSchedule"] = "0 0 0 1 1 *",
        ["SlowTickSchedule"] = "0 0 0 1 1 *",
    };

    private static LocalFunctionsHostOptions Options(string app, AzuriteInstance azurite, IDictionary<string, string?> settings) => new()
    {
        AppDirectory = app,
        HttpPort = 0,
        StorageConnectionString = azurite.ConnectionString,
        Settings = settings,

        // Intake alone: routing and texts would compete for the same two cores.
        RunQueueListeners = false,
        RunTimers = false,
        LoggerProvider = new WarningConsole(),
        RepositoryRoot = RepositoryPaths.Root,
        BannerWriter = TextWriter.Null,
    };

    private static async Task<double> ColdStartsAsync(string app, string path, AzuriteInstance azurite, IDictionary<string, string?> settings)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var host = await LocalFunctionsHost.StartAsync(Options(app, azurite, settings), CancellationToken.None);
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            for (var status = (HttpStatusCode)0; status != HttpStatusCode.OK; await Task.Delay(10))
            {
                status = (await client.GetAsync(path)).StatusCode;
                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(1))
                {
                    throw new InvalidOperationException($"{path} of {app} still answers {(int)status} a minute after the start.");
                }
            }

            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task SubmitAsync(HttpClient client, int i)
    {
        using var response = await client.PostAsJsonAsync("/api/submissions", new
        {
            description = $"第{i}号：我们工地拖欠三个月工资，老板不接电话",
            phone = string.Create(CultureInfo.InvariantCulture, $"+86139{(i & 0x7FFFFFFF) % 100_000_000:D8}"),
            region = "650102",
            category = "wage_arrears",
            consent = true,
        });
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Submission {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<(double Rate, double P50, double P99)> LoadAsync(int count, int concurrency, Func<int, Task> action)
    {
        var times = new double[count];
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var start = Stopwatch.GetTimestamp();
            await action(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        wall.Stop();
        Array.Sort(times);
        return (count / wall.Elapsed.TotalSeconds, times[count / 2], times[Math.Min(count - 1, (int)Math.Ceiling(0.99 * count) - 1)]);
    }

    /// <summary>
    /// What one accepted submission writes, in its order and with the same waits, made straight with the SDKs: the
    /// repeat-report check (a query); the caller's index row, the routing check and the day's index row at once; the
    /// case with its audit line (one transaction); the routing message and the caller's receipt text at once.
    /// </summary>
    private sealed class RawIntakeWrites(string connectionString)
    {
        private readonly TableServiceClient _tables = new(connectionString);
        private readonly QueueServiceClient _queues = new(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        private int _next;

        private TableClient Table(string name) => _tables.GetTableClient("raw" + name);

        public async Task CreateAsync()
        {
            foreach (var name in new[] { "callers", "followups", "days", "cases" })
            {
                await Table(name).CreateIfNotExistsAsync();
            }

            await _queues.GetQueueClient("raw-routing").CreateIfNotExistsAsync();
            await _queues.GetQueueClient("raw-sms").CreateIfNotExistsAsync();
        }

        public async Task WriteAsync()
        {
            var i = Interlocked.Increment(ref _next);
            var ticket = string.Create(CultureInfo.InvariantCulture, $"HL-RAW-{i:D8}");
            var caller = string.Create(CultureInfo.InvariantCulture, $"caller-{i:D8}");
            var now = DateTimeOffset.UtcNow;
            await foreach (var _ in Table("callers").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {caller} and RowKey ge {"wage_arrears:"} and RowKey lt {"wage_arrears;"}")))
            {
            }

            await Task.WhenAll(
                Table("callers").UpsertEntityAsync(new TableEntity(caller, "wage_arrears:" + ticket) { ["ReceivedAt"] = now }, TableUpdateMode.Replace),
                Table("followups").UpsertEntityAsync(new TableEntity("route", $"{now.UtcTicks:D19}:{ticket}") { ["Subject"] = ticket, ["DueAt"] = now, ["Attempt"] = 0 }, TableUpdateMode.Replace),
                Table("days").UpsertEntityAsync(new TableEntity(now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), ticket), TableUpdateMode.Replace));
            await Table("cases").SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(ticket, "case")
                {
                    ["Status"] = "received", ["Channel"] = "api", ["Description"] = "我们工地拖欠三个月工资，老板不接电话", ["Language"] = "zh-CN",
                    ["ReceivedAt"] = now, ["Phone"] = "+8613900000000", ["Region"] = "650102", ["Category"] = "wage_arrears", ["Priority"] = "normal",
                }),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(ticket, "audit-000000") { ["At"] = now, ["Actor"] = "caller", ["Action"] = "received" }),
            ]);
            await Task.WhenAll(
                _queues.GetQueueClient("raw-routing").SendMessageAsync($$"""{"ticketId":"{{ticket}}"}"""),
                _queues.GetQueueClient("raw-sms").SendMessageAsync(
                    $$"""{"messageKey":"{{ticket}}:case-received","ticketId":"{{ticket}}","to":"+8613900000000","template":"case-received","language":"zh-CN","args":{"ticketId":"{{ticket}}"} }"""));
        }
    }
}
