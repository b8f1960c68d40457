using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Hotline.Cases;
using Hotline.Storage;
using Hotline.Testing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hotline.Benchmarks;

/// <summary>
/// The ledger (台账) of many cases, streamed through the real pipeline: the local Functions host as a process, which
/// starts the worker process and forwards the request to it, as <c>./run.sh</c> does. Seeds the cases into Azurite
/// first (each case row in the shape <see cref="CaseStore.ToEntity"/> stores, the day index in batched transactions), then,
/// for the small range and the large one, starts a fresh host and worker, warms it with one day's ledger, streams the
/// measured range and reads the worker's and the host's peak working set (VmHWM). Memory is flat when the peak of
/// the large run is about the peak of the small one.
/// </summary>
internal static class LedgerBenchmark
{
    private const int CasesPerDay = 1000;
    private static readonly DateTimeOffset FirstDay = new(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var localHost = Path.Combine(RepositoryPaths.Root, "src", "Hotline.LocalHost", "bin", "Release", "net10.0", "Hotline.LocalHost.dll");
        var appRoot = Path.Combine(RepositoryPaths.Root, "src", "Hotline", "bin", "Release", "net10.0");
        if (!File.Exists(localHost) || !File.Exists(Path.Combine(appRoot, "functions.metadata")))
        {
            Console.Error.WriteLine("Build both in Release first: dotnet build -c Release src/Hotline.LocalHost && dotnet build -c Release src/Hotline");
            return 2;
        }

        await using var azurite = await AzuriteInstance.StartAsync();
        var directoryPath = Path.Combine(Path.GetTempPath(), $"hotline-bench-directory-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(directoryPath, BenchmarkDirectory.Json);
        try
        {
            var days = (cases + CasesPerDay - 1) / CasesPerDay;
            Console.WriteLine($"Hotline ledger benchmark: {cases} cases over {days} China days, Azurite in memory, {Environment.ProcessorCount} cores");
            var seeding = Stopwatch.StartNew();
            await SeedAsync(azurite.ConnectionString, directoryPath, cases);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {cases} cases in {seeding.Elapsed.TotalSeconds:F1} s ({cases / seeding.Elapsed.TotalSeconds:F0} cases/s)"));

            var last = DateOnly.FromDateTime(FirstDay.DateTime).AddDays(days - 1);
            var first = DateOnly.FromDateTime(FirstDay.DateTime);
            var small = await MeasureAsync(localHost, appRoot, azurite.ConnectionString, directoryPath, first, first);
            var large = await MeasureAsync(localHost, appRoot, azurite.ConnectionString, directoryPath, first, last);
            Print("one day", small);
            Print($"{days} days", large);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peak working set, {large.Rows} rows / {small.Rows} rows: worker {(double)large.WorkerPeakKb / small.WorkerPeakKb:F2}×, host {(double)large.HostPeakKb / small.HostPeakKb:F2}×"));
            return 0;
        }
        finally
        {
            File.Delete(directoryPath);
        }
    }

    private sealed record Measurement(long Rows, long Bytes, double FirstByteMs, double TotalSeconds, long WorkerPeakKb, long HostPeakKb);

    private static void Print(string name, Measurement m) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-10} {m.Rows,7} rows, {m.Bytes / 1048576.0,6:F1} MiB: first byte {m.FirstByteMs,7:F0} ms, {m.TotalSeconds,6:F1} s, {m.Rows / m.TotalSeconds,6:F0} rows/s; peak working set worker {m.WorkerPeakKb / 1024.0,6:F0} MiB, host {m.HostPeakKb / 1024.0,6:F0} MiB"));

    /// <summary>The app's own start-up (tables) and its case store, as the routing benchmark builds them; then the cases, spread over days.</summary>
    private static async Task SeedAsync(string connectionString, string directoryPath, int cases)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Hotline:Routing:DirectoryPath"] = directoryPath,
            ["Hotline:Routing:DefaultUnitId"] = "city",
            ["Hotline:Sms:Provider"] = "Outbox",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddHotline();
        using var app = builder.Build();
        var startUp = builder.Services
            .Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == typeof(HotlineApplication).Assembly)
            .Select(d => (IHostedService)ActivatorUtilities.CreateInstance(app.Services, d.ImplementationType!));
        foreach (var service in startUp)
        {
            await service.StartAsync(default);
        }

        var storage = app.Services.GetRequiredService<HotlineStorage>();
        var records = Enumerable.Range(0, cases).Select(Case).ToList();
        // The case rows as CaseStore writes them; their audit trails are left out, since the ledger reads only the case row.
        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (record, ct) =>
            await storage.Cases.AddEntityAsync(CaseStore.ToEntity(record), ct));

        // The receiveddays rows as ReceivedDayIndex writes them (PartitionKey = China date, RowKey = ticket, ReceivedAt), 100 to a transaction.
        var batches = records
            .GroupBy(r => ChinaTime.ToChina(r.ReceivedAt).ToString("yyyyMMdd", CultureInfo.InvariantCulture))
            .SelectMany(day => day.Chunk(100).Select(chunk => chunk.Select(r => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace, new TableEntity(day.Key, r.TicketId) { ["ReceivedAt"] = r.ReceivedAt })).ToList()))
            .ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (batch, ct) => await storage.ReceivedDays.SubmitTransactionAsync(batch, ct));
    }

    /// <summary>A case as the steps leave it: routed, acknowledged, resolved, rated and closed, some late, a few reopened.</summary>
    private static CaseRecord Case(int i)
    {
        var received = FirstDay.AddDays(i / CasesPerDay).AddSeconds(i % CasesPerDay * 80);
        var assigned = received.AddMinutes(1);
        var acknowledged = assigned.AddHours(i % 7 == 0 ? 5 : 1);
        var resolved = assigned.AddDays(i % 11 == 0 ? 8 : 2);
        return new CaseRecord
        {
            TicketId = string.Create(CultureInfo.InvariantCulture, $"B{i:D7}"),
            TrackingCodeHash = TrackingCode.Hash("B", "ABCDEF"),
            Status = CaseStatus.Closed,
            Channel = i % 3 == 0 ? "sms" : "web",
            Description = string.Create(CultureInfo.InvariantCulture, $"第{i}号：我们工地拖欠三个月工资，老板一直说下个月发，已经找过劳动监察大队，电话13900001234"),
            Language = "zh-CN",
            ReceivedAt = received,
            Phone = "+8613900001234",
            Name = "张伟",
            Region = "650102",
            Category = CaseCategory.WageArrears,
            CategoryChosenByCaller = true,
            UnitId = "east",
            UnitName = "东县总工会",
            OfficerId = "east-h1",
            AssignedAt = assigned,
            AcknowledgementDueAt = assigned.AddHours(4),
            AcknowledgedAt = acknowledged,
            ResolutionDueAt = assigned.AddDays(7),
            ResolvedAt = resolved,
            ClosedAt = resolved.AddDays(1),
            Rating = 1 + (i % 5),
            RatedAt = resolved.AddDays(1),
            ReopenCount = i % 50 == 0 ? 1 : 0,
            TransferCount = i % 13 == 0 ? 1 : 0,
            MergedCount = i % 17 == 0 ? 2 : 0,
        };
    }

    private static async Task<Measurement> MeasureAsync(string localHost, string appRoot, string connectionString, string directoryPath, DateOnly from, DateOnly to)
    {
        using var host = await LocalHostRun.StartAsync(localHost, appRoot, connectionString, directoryPath);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Add("x-functions-key", host.MasterKey);

        // The same warm-up in both runs: one day's ledger (JIT, connections, the directory).
        var day = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await ReadAsync(client, $"/api/admin/ledger.csv?from={day}&to={day}");

        var measured = await ReadAsync(client, string.Create(CultureInfo.InvariantCulture, $"/api/admin/ledger.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
        return measured with { WorkerPeakKb = host.WorkerPeakKb(), HostPeakKb = host.HostPeakKb() };
    }

    /// <summary>Reads the answer as it arrives: time to the first body byte, then every byte, counting the records.</summary>
    private static async Task<Measurement> ReadAsync(HttpClient client, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        double? firstByte = null;
        long bytes = 0, lines = 0;
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            firstByte ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            bytes += read;

            // The summaries are on one line (whitespace collapsed), so each record ends with one line feed.
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return new Measurement(lines - 1, bytes, firstByte ?? 0, Stopwatch.GetElapsedTime(started).TotalSeconds, 0, 0);
    }
}
