using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Hotline.LocalHost;
using Hotline.Testing;

namespace Hotline.Benchmarks;

/// <summary>
/// What Azurite loses when it is killed: the local host (in this process, as the host benchmark runs it) configured as
/// <c>./run.sh</c> runs it (no storage set, so Azurite on disk under the host, which starts an Azurite that exits again
/// on its ports; the Release worker; queue listeners and timers on), on a data folder of its own. Each round submits cases through the host and keeps every 202's ticket, signals the Azurite
/// process, waits for the host to start it again on the same folder, and looks every accepted case up: SIGKILL right
/// after the last 202; SIGKILL after waiting longer than Azurite's save interval (it keeps its tables in memory and
/// writes them to disk every 5 s, LokiJS's autosave), which shows that what is lost is what was not yet saved; and
/// SIGTERM right after the last 202 (as Ctrl+C), on which Azurite saves before it exits.
/// </summary>
internal static class AzuriteLossBenchmark
{
    private const int Concurrency = 8;

    /// <summary>Azurite 3.x saves each service's database every 5 s (autosaveInterval in its Loki stores).</summary>
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Killed at once; killed after more than a save interval; stopped at once as Ctrl+C stops it (Azurite saves its
    /// databases when it closes on SIGTERM or SIGINT).
    /// </summary>
    private static readonly (string Signal, TimeSpan Wait)[] Rounds = [("KILL", TimeSpan.Zero), ("KILL", SaveInterval * 1.5), ("TERM", TimeSpan.Zero)];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var app = Path.Combine(RepositoryPaths.Root, "src", "Hotline", "bin", "Release", "net10.0");
        if (!File.Exists(Path.Combine(app, "functions.metadata")))
        {
            Console.Error.WriteLine("Build the app in Release first: dotnet build -c Release src/Hotline");
            return 2;
        }

        // A checkout of its own (the repository's node_modules, a fresh .azurite), so no earlier run's data is counted or lost.
        var checkout = Directory.CreateTempSubdirectory("hotline-azurite-loss-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(checkout, "node_modules"), RepositoryPaths.NodeModules);
        var directoryPath = Path.Combine(checkout, "directory.json");
        await File.WriteAllTextAsync(directoryPath, BenchmarkDirectory.Json);
        try
        {
            Console.WriteLine($"Hotline Azurite-loss benchmark: {count} submissions per round through the local host ({Concurrency} at once), Azurite on disk in {checkout}/.azurite; {Environment.ProcessorCount} cores; {LoadAverage.Now()}");
            await using var host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
            {
                AppDirectory = app,
                HttpPort = 0,
                RepositoryRoot = checkout,
                Settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
                {
                    // None configured: the host starts Azurite on disk and keeps it running, as ./run.sh does.
                    ["AzureWebJobsStorage"] = null,
                    ["Hotline__Routing__DirectoryPath"] = directoryPath,
                    ["Hotline__Routing__DefaultUnitId"] = "city",
                    ["Hotline__Sms__Provider"] = "Outbox",
                    ["Hotline__Intake__SubmissionsPerWindow"] = "10000",
                    ["Logging__LogLevel__Default"] = "Warning",
                },
                LoggerProvider = new WarningConsole(),
                BannerWriter = TextWriter.Null,
            }, CancellationToken.None);
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            var cases = new TableServiceClient(host.StorageConnectionString).GetTableClient("cases");
            var dataFolder = Path.Combine(checkout, ".azurite");

            var next = 0;
            foreach (var (signal, wait) in Rounds)
            {
                var accepted = await SubmitAsync(client, count, () => Interlocked.Increment(ref next));
                await Task.Delay(wait);
                var azurite = AzuriteProcess(dataFolder) ?? throw new InvalidOperationException("No Azurite process on " + dataFolder + " under this process.");
                var killedAt = Stopwatch.GetTimestamp();
                using (var kill = Process.Start("kill", ["-" + signal, azurite.ToString(CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                var restart = await RestartedAsync(cases, dataFolder, azurite);
                var lost = new List<double>();
                foreach (var (ticket, at) in accepted.Tickets)
                {
                    if (!(await cases.GetEntityIfExistsAsync<TableEntity>(ticket, "case")).HasValue)
                    {
                        lost.Add(Stopwatch.GetElapsedTime(at, killedAt).TotalSeconds);
                    }
                }

                var when = lost.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", accepted {lost.Min():F1}–{lost.Max():F1} s before the kill");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"SIG{signal} {wait.TotalSeconds:F1} s after the last 202: {accepted.Tickets.Count} accepted (202) of {count} in {accepted.Seconds:F1} s ({accepted.Refused} refused), Azurite back after {restart.TotalSeconds:F1} s; {accepted.Tickets.Count - lost.Count} still there, {lost.Count} lost ({100.0 * lost.Count / accepted.Tickets.Count:F0} %){when}"));
            }

            Console.WriteLine($"Azure Storage answers a write only once it is durable: there, every 202 stays. Azurite saves every {SaveInterval.TotalSeconds:F0} s. {LoadAverage.Now()}");
            return 0;
        }
        finally
        {
            Directory.Delete(checkout, recursive: true);
        }
    }

    private sealed record Accepted(List<(string Ticket, long At)> Tickets, int Refused, double Seconds);

    private static async Task<Accepted> SubmitAsync(HttpClient client, int count, Func<int> next)
    {
        var tickets = new List<(string, long)>();
        var refused = 0;
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (_, cancellationToken) =>
        {
            var i = next();
            using var response = await client.PostAsJsonAsync("/api/submissions", new
            {
                description = $"第{i}号：我们工地拖欠三个月工资，老板不接电话",
                phone = string.Create(CultureInfo.InvariantCulture, $"+86139{i % 100_000_000:D8}"),
                region = "650102",
                category = "wage_arrears",
                consent = true,
            }, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted && (await response.Content.ReadFromJsonAsync<Receipt>(cancellationToken))?.TicketId is { } ticket)
            {
                lock (tickets)
                {
                    tickets.Add((ticket, Stopwatch.GetTimestamp()));
                }
            }
            else
            {
                Interlocked.Increment(ref refused);
            }
        });
        return new Accepted(tickets, refused, wall.Elapsed.TotalSeconds);
    }

    private sealed record Receipt(string? TicketId);

    /// <summary>Waits (bounded) for another Azurite on the same folder and for its tables to answer; returns the time since the kill.</summary>
    private static async Task<TimeSpan> RestartedAsync(TableClient cases, string dataFolder, int killed)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("The local host did not start Azurite again within 2 minutes.");
            }

            if (AzuriteProcess(dataFolder) is { } pid && pid != killed && await AcceptsAsync(cases.Uri.Port))
            {
                try
                {
                    await cases.GetEntityIfExistsAsync<TableEntity>("none", "case");
                    return Stopwatch.GetElapsedTime(start);
                }
                catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException)
                {
                    // Started, not listening yet.
                }
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>The Azurite process (node) this process's local host started on <paramref name="dataFolder"/>.</summary>
    private static int? AzuriteProcess(string dataFolder) =>
        ProcFs.Children(Environment.ProcessId).Where(c => c.Command.Contains("--location") && c.Command.Contains(dataFolder)).Select(c => (int?)c.Pid).FirstOrDefault();
}
