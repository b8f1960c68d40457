using System.Diagnostics;
using System.Globalization;
using Hotline.FollowUp;
using Hotline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.Benchmarks;

/// <summary>
/// The due-check loop's cost against what is stored: one SweepFollowUps run with the same number of due follow-ups,
/// once on storage holding as many cases as are due and once on storage holding a hundred times more
/// (<see cref="StoredCases"/>). The sweep reads only what is due, so the two should cost the same; the ratio between
/// them is the figure. Each round also times the same calls made raw (<see cref="RawSweep"/>) on each, the
/// floor: what the emulator itself spends more on the larger tables is in the floor's ratio too. The two are
/// measured in alternation, so a machine that slows down slows both. With <see cref="AccountVariable"/> set, both run
/// on that storage account instead, each under tables and queues of its own.
/// </summary>
internal static class SweepBenchmark
{
    /// <summary>A storage account's connection string: the benchmark runs there instead of on Azurite.</summary>
    public const string AccountVariable = "HOTLINE_BENCH_STORAGE";

    // An emulator busy with a large table can take longer than the app's 5 s per try, and a retried queue send would
    // queue a follow-up twice (harmless to RunFollowUp, but no longer the same work as the floor's).
    private static readonly Dictionary<string, string?> PatientStorage = new() { ["Hotline:Storage:TryTimeout"] = "00:01:40" };

    public static async Task<int> RunAsync(string[] args)
    {
        var stored = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var due = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
        // A connection string in the environment, never on the command line, where it would be in the shell's history.
        var account = Environment.GetEnvironmentVariable(AccountVariable) is { Length: > 0 } given ? given : null;
        Console.WriteLine($"Hotline sweep benchmark: {due} due among {due} and among {stored} stored cases, {rounds} rounds, {Environment.ProcessorCount} cores, {LoadAverage.Now()}, on {(account is null ? "two Azurites" : "the storage account of " + AccountVariable)}");

        var seeding = Stopwatch.StartNew();
        await using var small = await StoredCases.StartAsync(due, PatientStorage, account);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {due} cases in {seeding.Elapsed.TotalSeconds:F0} s"));
        seeding.Restart();
        await using var large = await StoredCases.StartAsync(stored, PatientStorage, account);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {stored} cases in {seeding.Elapsed.TotalSeconds:F0} s (one in ten open, with its reminders ahead; the closed with their redaction ahead)"));

        var sweeps = new Dictionary<BenchmarkApp, List<double>> { [small] = [], [large] = [] };
        var floors = new Dictionary<BenchmarkApp, List<double>> { [small] = [], [large] = [] };
        var queries = new Dictionary<BenchmarkApp, List<double>> { [small] = [], [large] = [] };
        for (var round = 0; round <= rounds; round++)
        {
            // Alternate which goes first, so neither always runs on a warmer (or busier) machine.
            var order = round % 2 == 0 ? new[] { small, large } : [large, small];
            foreach (var app in order)
            {
                var sweep = app.Get<SweepFollowUpsFunction>();
                var raw = new RawSweep(app.Get<HotlineStorage>(), app.Get<IEnumerable<IFollowUpHandler>>());
                Task<double> Sweep() => DispatchOnceAsync(app, due, round, () => sweep.SweepFollowUps(new TimerInfo(), default));
                Task<double> Floor() => DispatchOnceAsync(app, due, round, () => raw.RunAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10)));

                // The sweep and its floor take turns going first too: right after a clean-up the emulator may still be busy.
                double sweepMs, floorMs;
                if (round % 4 < 2)
                {
                    sweepMs = await Sweep();
                    floorMs = await Floor();
                }
                else
                {
                    floorMs = await Floor();
                    sweepMs = await Sweep();
                }

                // Round 0 warms up JIT and connections.
                if (round > 0)
                {
                    sweeps[app].Add(sweepMs);
                    floors[app].Add(floorMs);
                    queries[app].Add(raw.QueryTime.TotalMilliseconds);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round}: {LoadAverage.Now()}"));
        }

        var (sweepSmall, sweepLarge) = (Median(sweeps[small]), Median(sweeps[large]));
        var (floorSmall, floorLarge) = (Median(floors[small]), Median(floors[large]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep, {due} due among {due,7} stored: median {sweepSmall,8:F1} ms ({due / sweepSmall * 1000:F0} dispatched/s); its calls made raw {floorSmall,8:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep, {due} due among {stored,7} stored: median {sweepLarge,8:F1} ms ({due / sweepLarge * 1000:F0} dispatched/s); its calls made raw {floorLarge,8:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio (among {stored} / among {due}): sweep {sweepLarge / sweepSmall:F2}   target: at most 1.20;   the raw calls (Azurite's own growth) {floorLarge / floorSmall:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep / its raw calls: {sweepSmall / floorSmall:F2} among {due}, {sweepLarge / floorLarge:F2} among {stored}"));
        var (querySmall, queryLarge) = (Median(queries[small]), Median(queries[large]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"of the raw calls, the {small.Get<IEnumerable<IFollowUpHandler>>().Count()} due queries (one a kind): median {querySmall:F1} ms among {due}, {queryLarge:F1} ms among {stored}; the {due} claims and messages: {floorSmall - querySmall:F1} ms, {floorLarge - queryLarge:F1} ms ({(floorLarge - queryLarge) / (floorSmall - querySmall):F2})"));
        return 0;
    }

    /// <summary>
    /// Makes <paramref name="due"/> acknowledgement reminders due, times one dispatch of them, checks that each was
    /// claimed and queued once, then clears what it dispatched.
    /// </summary>
    private static async Task<double> DispatchOnceAsync(BenchmarkApp app, int due, int round, Func<Task> dispatch)
    {
        var followUps = app.Get<FollowUpIndex>();
        var kind = DeadlineStages.Kind(DeadlineWindow.Acknowledgement);
        var dueAt = DateTimeOffset.UtcNow.AddMinutes(-1).AddSeconds(-round);
        await Parallel.ForEachAsync(Enumerable.Range(0, due), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            await followUps.ScheduleAsync(kind, StoredCases.Ticket(i), dueAt, ct, stage: "100"));

        var start = Stopwatch.GetTimestamp();
        await dispatch();
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        // What RunFollowUp would do with each: take the row away, so the next round starts from the same state.
        var dispatched = await followUps.GetDueAsync(kind, DateTimeOffset.UtcNow, int.MaxValue, default);
        if (dispatched.Count != due || dispatched.Any(d => d.ClaimedUntil is null))
        {
            throw new InvalidOperationException($"Round {round}: {dispatched.Count} rows were due after the dispatch, {dispatched.Count(d => d.ClaimedUntil is null)} unclaimed; expected {due}, all claimed.");
        }

        await Parallel.ForEachAsync(dispatched, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (row, ct) => await followUps.RemoveAsync(row, ct));
        var queue = app.Get<HotlineStorage>().DueFollowUps;
        var queued = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        if (queued != due)
        {
            throw new InvalidOperationException($"Round {round}: {queued} follow-ups were queued, expected {due}.");
        }

        await queue.ClearMessagesAsync();
        return ms;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
