using System.Diagnostics;
using System.Globalization;
using Hotline.LocalHost.Invocation;
using Hotline.LocalHost.Rpc;
using Hotline.LocalHost.Storage;
using Hotline.LocalHost.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.LocalHost.Bench;

/// <summary>
/// <c>bench --app DIR --path /route</c>: worker start → first 200 (10 starts), HTTP latency through the host next to the
/// same request sent straight to the worker's listener (with its InvocationRequest), and the gRPC round trip of a
/// queue invocation. Loopback only; a measurement, not a test.
/// </summary>
internal static class LocalHostBench
{
    public static async Task<int> RunAsync(string appDirectory, string path, string queueFunction, IDictionary<string, string?> settings, string repositoryRoot)
    {
        await using AzuriteServer azurite = await AzuriteServer.StartAsync(
            repositoryRoot, Path.Combine(Path.GetTempPath(), "hotline-bench-azurite-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)), NullLogger.Instance, CancellationToken.None);
        var options = new LocalFunctionsHostOptions
        {
            AppDirectory = appDirectory,
            StorageConnectionString = azurite.ConnectionString,
            Settings = settings,
            RunQueueListeners = false,
            RunTimers = false,
            LoggerProvider = NullLoggerProvider.Instance,
            RepositoryRoot = repositoryRoot,
        };

        var starts = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            long started = Stopwatch.GetTimestamp();
            await using LocalFunctionsHost host = await LocalFunctionsHost.StartAsync(options, CancellationToken.None);
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            while ((await client.GetAsync(path)).StatusCode != System.Net.HttpStatusCode.OK)
            {
                await Task.Delay(10);
            }

            starts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host start -> first 200 on {path}: median {Percentile(starts, 50):F0} ms (min {starts.Min():F0}, max {starts.Max():F0}, n=10)"));

        await using LocalFunctionsHost bench = await LocalFunctionsHost.StartAsync(options, CancellationToken.None);
        using var front = new HttpClient { BaseAddress = bench.BaseAddress };
        ReadyWorker worker = bench.Supervisor.Current!;
        using var direct = new HttpClient { BaseAddress = worker.HttpUri };
        var function = worker.Catalog.Functions.First(f => f.Info.Trigger == FunctionTriggerKind.Http && f.Info.Route == path);
        const int Requests = 500;
        List<double> viaHost = await TimeAsync(Requests, async () => (await front.GetAsync(path)).EnsureSuccessStatusCode());
        List<double> straight = await TimeAsync(Requests, async () =>
        {
            string id = Guid.NewGuid().ToString();
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(Http.HttpFunctionForwarder.InvocationIdHeader, id);
            Task<HttpResponseMessage> answer = direct.SendAsync(request);
            Task<InvocationResponse> invocation = worker.Connection.InvokeAsync(TriggerData.Http(function, id, [], [], []), CancellationToken.None);
            (await answer).EnsureSuccessStatusCode();
            await invocation;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTP GET {path}, {Requests} sequential: via host p50 {Percentile(viaHost, 50):F2} ms p99 {Percentile(viaHost, 99):F2} ms; straight to the worker p50 {Percentile(straight, 50):F2} ms p99 {Percentile(straight, 99):F2} ms"));

        List<double> queue = await TimeAsync(200, async () =>
        {
            InvocationOutcome outcome = await bench.InvokeAsync(queueFunction, """{"orderId":"bench","quantity":1,"phone":"x"}""", CancellationToken.None);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException(outcome.FailureMessage);
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queue invocation {queueFunction} (InvocationRequest -> InvocationResponse + outputs), 200 sequential: p50 {Percentile(queue, 50):F2} ms p99 {Percentile(queue, 99):F2} ms"));
        return 0;
    }

    private static async Task<List<double>> TimeAsync(int count, Func<Task> call)
    {
        for (int i = 0; i < 20; i++)
        {
            await call();
        }

        var times = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            long started = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return times;
    }

    private static double Percentile(List<double> values, int percentile)
    {
        double[] sorted = [.. values.Order()];
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
