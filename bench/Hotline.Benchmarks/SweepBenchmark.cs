using System.Diagnostics;
using System.Globalization;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Retention;
using Hotline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.Benchmarks;

/// <summary>
/// The due-check loop's cost against what is stored: one SweepFollowUps run with the same number of due follow-ups,
/// once on an Azurite holding as many cases as are due and once on one holding a hundred times more (most of them
/// closed, with their redaction ahead; one in ten open, with the reminder rows an open case has ahead). The sweep reads only what is due, so the two should cost the same; the
/// ratio between them is the figure. Both Azurites run in the same process and are measured in alternation, so a
/// machine that slows down slows both.
/// </summary>
internal static class SweepBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var stored = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var due = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
        Console.WriteLine($"Hotline sweep benchmark: {due} due among {due} and among {stored} stored cases, {rounds} rounds, {Environment.ProcessorCount} cores");

        // Azurite looks an entity up by scanning its partition, so a transaction into a followups partition of 90,000
        // rows takes seconds and waits behind the others: the seed may take a try as long as the bounds allow.
        var patientStorage = new Dictionary<string, string?> { ["Hotline:Storage:TryTimeout"] = "00:01:40" };
        await using var small = await BenchmarkApp.StartAsync(patientStorage);
        await using var large = await BenchmarkApp.StartAsync(patientStorage);
        foreach (var (app, count) in new[] { (small, due), (large, stored) })
        {
            var seeding = Stopwatch.StartNew();
            await SeedStoredCasesAsync(app, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stored {count} cases (one in ten open, with its reminders ahead; the closed with their redaction ahead) in {seeding.Elapsed.TotalSeconds:F0} s"));
        }

        var times = new Dictionary<BenchmarkApp, List<double>> { [small] = [], [large] = [] };
        for (var round = 0; round <= rounds; round++)
        {
            // Alternate which goes first, so neither always runs on a warmer (or busier) machine.
            var order = round % 2 == 0 ? new[] { small, large } : [large, small];
            foreach (var app in order)
            {
                var ms = await SweepOnceAsync(app, due, round);

                // Round 0 warms up JIT and connections.
                if (round > 0)
                {
                    times[app].Add(ms);
                }
            }
        }

        var smallMedian = Median(times[small]);
        var largeMedian = Median(times[large]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep, {due} due among {due,7} stored: median {smallMedian,8:F1} ms ({due / smallMedian * 1000:F0} dispatched/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep, {due} due among {stored,7} stored: median {largeMedian,8:F1} ms ({due / largeMedian * 1000:F0} dispatched/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio (among {stored} / among {due}): {largeMedian / smallMedian:F2}   target: at most 1.20"));
        return 0;
    }

    /// <summary>
    /// Stored cases as a year of work leaves them: most closed, their redaction ahead while they are younger than the
    /// retention period; one in ten still open, with the resolution window's reminder stages ahead. Each case leaves
    /// its case row and its rows in the followups table, the one table the sweep reads. Its audit line and the report's
    /// rows are left out: the sweep reads neither table, and on Azurite they would make seeding 100,000 take hours.
    /// </summary>
    private static async Task SeedStoredCasesAsync(BenchmarkApp app, int count)
    {
        var storage = app.Get<HotlineStorage>();
        var followUps = app.Get<FollowUpIndex>();
        var retention = app.Get<RetentionSchedule>();
        var now = DateTimeOffset.UtcNow;
        var kind = DeadlineStages.Kind(DeadlineWindow.Resolution);
        var records = Enumerable.Range(0, count).Select(i => StoredCase(i, now - TimeSpan.FromDays(i % 365), open: i % 10 == 0)).ToList();
        await PhaseAsync("case rows", records, async (record, ct) => await storage.Cases.AddEntityAsync(CaseStore.ToEntity(record), ct));
        var open = records.Where(r => r.ClosedAt is null).ToList();
        await PhaseAsync("resolution reminders of the open (25 cases a transaction)", open.Chunk(25).ToList(), async (chunk, ct) =>
            await followUps.ScheduleAllAsync(kind, chunk.SelectMany(r => new[] { (r.TicketId, now.AddDays(3.5), (string?)"50"), (r.TicketId, now.AddDays(5.6), "80"), (r.TicketId, now.AddDays(7), "100"), (r.TicketId, now.AddDays(10.5), "150") }), ct), parallel: 2);
        var redactions = records.Select(r => (r.TicketId, DueAt: retention.RedactionDueAt(r))).Where(r => r.DueAt > now).Select(r => (r.TicketId, r.DueAt!.Value, (string?)null)).ToList();
        await PhaseAsync("redactions ahead of the closed (100 a transaction)", redactions.Chunk(100).ToList(), async (chunk, ct) =>
            await followUps.ScheduleAllAsync(RetentionSchedule.Kind, chunk, ct), parallel: 2);
    }

    private static async Task PhaseAsync<T>(string what, List<T> writes, Func<T, CancellationToken, ValueTask> write, int parallel = 32)
    {
        var started = Stopwatch.StartNew();
        var done = 0;
        var progressEvery = Math.Max(1, writes.Count / 20);
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (item, ct) =>
        {
            await write(item, ct);
            if (Interlocked.Increment(ref done) % progressEvery == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {done} at {started.Elapsed.TotalSeconds:F0} s"));
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {writes.Count} in {started.Elapsed.TotalSeconds:F0} s"));
    }

    /// <summary>Makes <paramref name="due"/> acknowledgement reminders due, times one sweep over them, then clears what it dispatched.</summary>
    private static async Task<double> SweepOnceAsync(BenchmarkApp app, int due, int round)
    {
        var followUps = app.Get<FollowUpIndex>();
        var kind = DeadlineStages.Kind(DeadlineWindow.Acknowledgement);
        var dueAt = DateTimeOffset.UtcNow.AddMinutes(-1).AddSeconds(-round);
        await Parallel.ForEachAsync(Enumerable.Range(0, due), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            await followUps.ScheduleAsync(kind, Ticket(i), dueAt, ct, stage: "100"));

        var sweep = app.Get<SweepFollowUpsFunction>();
        var start = Stopwatch.GetTimestamp();
        await sweep.SweepFollowUps(new TimerInfo(), default);
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        // What RunFollowUp would do with each: take the row away, so the next round starts from the same state.
        var dispatched = await followUps.GetDueAsync(kind, DateTimeOffset.UtcNow, int.MaxValue, default);
        if (dispatched.Count != due)
        {
            throw new InvalidOperationException($"{dispatched.Count} rows were due after the sweep, expected {due}.");
        }

        await Parallel.ForEachAsync(dispatched, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (row, ct) => await followUps.RemoveAsync(row, ct));
        var queue = app.Get<HotlineStorage>().DueFollowUps;
        var queued = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        if (queued != due)
        {
            throw new InvalidOperationException($"The sweep queued {queued} follow-ups, expected {due}.");
        }

        await queue.ClearMessagesAsync();
        return ms;
    }

    private static CaseRecord StoredCase(int i, DateTimeOffset receivedAt, bool open) => new()
    {
        TicketId = Ticket(i),
        TrackingCodeHash = "bench",
        Status = open ? CaseStatus.Assigned : CaseStatus.Closed,
        Channel = "api",
        Description = $"第{i}号：我们工地拖欠三个月工资",
        Language = "zh-CN",
        ReceivedAt = receivedAt,
        Region = "650102",
        Category = "wage_arrears",
        UnitId = "east",
        UnitName = "东县总工会",
        OfficerId = "east-h1",
        AssignedAt = receivedAt,
        AcknowledgementDueAt = receivedAt.AddHours(4),
        ResolutionDueAt = receivedAt.AddDays(7),
        ResolvedAt = open ? null : receivedAt.AddDays(5),
        ClosedAt = open ? null : receivedAt.AddDays(6),
    };

    private static string Ticket(int i) => string.Create(CultureInfo.InvariantCulture, $"HL-BENCH-{i:D7}");

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
