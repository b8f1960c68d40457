using System.Diagnostics;
using System.Globalization;
using Hotline.Intake;
using Hotline.Routing;
using Azure.Data.Tables;
using Hotline.Storage;

namespace Hotline.Benchmarks;

/// <summary>
/// Routing and intake cost per case against Azurite, next to a baseline measured in the same process on the same
/// Azurite: one entity insert plus one point read, the least storage work a case can cost. The ratios are what to
/// compare between runs; the milliseconds depend on the machine.
/// </summary>
internal static class RoutingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        await using var app = await BenchmarkApp.StartAsync();

        var storage = app.Get<HotlineStorage>();
        var intake = app.Get<CaseIntake>();
        var route = app.Get<RouteCaseFunction>();

        Console.WriteLine($"Hotline routing benchmark: {cases} cases, Azurite in memory, {Environment.ProcessorCount} cores");

        // Warm up every path once so JIT and connection set-up are not measured.
        var warm = await intake.SubmitAsync(Report(0), "api", null, default);
        await route.RouteCase(new RouteCaseMessage(warm.TicketId), default);

        var baseline = await MeasureAsync(cases, async i =>
        {
            var entity = new TableEntity("baseline", i.ToString("D6", CultureInfo.InvariantCulture)) { ["Text"] = "工资拖欠", ["At"] = DateTimeOffset.UnixEpoch };
            await storage.Cases.AddEntityAsync(entity);
            await storage.Cases.GetEntityIfExistsAsync<TableEntity>("baseline", entity.RowKey);
        });

        var tickets = new string[cases];
        var intakeTimes = await MeasureAsync(cases, async i => tickets[i] = (await intake.SubmitAsync(Report(i), "api", null, default)).TicketId);
        var routeTimes = await MeasureAsync(cases, i => route.RouteCase(new RouteCaseMessage(tickets[i]), default));

        // Concurrent routing into one unit: the load counter is contended, as when a batch of messages arrives.
        var more = new string[cases];
        for (var i = 0; i < cases; i++)
        {
            more[i] = (await intake.SubmitAsync(Report(i), "api", null, default)).TicketId;
        }

        var concurrent = Stopwatch.StartNew();
        await Parallel.ForEachAsync(more, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (ticket, ct) => await route.RouteCase(new RouteCaseMessage(ticket), ct));
        concurrent.Stop();

        Print("baseline: insert + point read", baseline, baseline);
        Print("intake: SubmitAsync (classify, case + audit, queue)", intakeTimes, baseline);
        Print("routing: RouteCase, one at a time", routeTimes, baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"routing: RouteCase, 16 at once into one unit: {cases / concurrent.Elapsed.TotalSeconds:F0} cases/s ({concurrent.Elapsed.TotalMilliseconds / cases:F1} ms per case wall)"));

        return 0;
    }

    private static Submission Report(int i) =>
        new($"第{i}号：我们工地拖欠三个月工资", null, null, "650102", "wage_arrears", null, null, "zh-CN");

    private static async Task<double[]> MeasureAsync(int count, Func<int, Task> action)
    {
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static void Print(string name, double[] sorted, double[] baseline)
    {
        static double P(double[] s, double q) => s[Math.Min(s.Length - 1, (int)Math.Ceiling(q * s.Length) - 1)];
        var p50 = P(sorted, 0.50);
        var p99 = P(sorted, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-52} p50 {p50,7:F2} ms  p99 {p99,7:F2} ms   ×baseline p50 {p50 / P(baseline, 0.50),5:F1}  p99 {p99 / P(baseline, 0.99),5:F1}"));
    }
}
