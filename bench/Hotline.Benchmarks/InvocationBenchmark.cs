using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Hotline.Intake;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.Sms.Phones;
using Hotline.Sms.Templates;
using Hotline.Sms.Twilio;
using Hotline.Storage;
using Hotline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Twilio.Clients;

namespace Hotline.Benchmarks;

/// <summary>
/// One queue invocation against the storage calls it makes, made raw: RouteCase and SendSms called in process as
/// the worker calls them (the real app's services, the Twilio provider against the fake Twilio server), next to
/// the same calls made straight with the SDKs on the same tables (<see cref="RawRouteCase"/>, <see cref="RawSendSms"/>),
/// alternating one and the other, in the same run. A pipeline policy on the storage clients and a handler on the
/// Twilio HttpClient record every round trip (<see cref="StorageCallRecorder"/>): the benchmark prints the calls one
/// invocation makes, checks that its floor makes the same ones, and splits each invocation's time
/// into time in round trips and time outside them, which is where the rest goes.
/// </summary>
internal static class InvocationBenchmark
{
    private const double Target = 1.25;
    private const int WarmUp = 5;
    private const string From = "+8612351000000";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        await using var twilio = await FakeTwilioServer.StartAsync();
        var recorder = new StorageCallRecorder();
        var clock = new DaytimeClock();
        await using var app = await BenchmarkApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Hotline:Sms:Provider"] = "Twilio",
                ["Hotline:Sms:PhoneHashKey"] = "bench-phone-hash-key-0123456789",
                ["Hotline:Sms:Twilio:AccountSid"] = twilio.AccountSid,
                ["Hotline:Sms:Twilio:AuthToken"] = twilio.AuthToken,
                ["Hotline:Sms:Twilio:From"] = From,
            },
            services =>
            {
                services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(Recorded(new TableClientOptions(), recorder)));
                services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>()
                    .CreateQueueServiceClient(Recorded(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, recorder)));
                services.AddSingleton<TimeProvider>(clock);
                services.AddHttpClient(TwilioSmsSender.HttpClientName)
                    .AddHttpMessageHandler(() => new RecordingHandler(recorder, "twilio"))
                    .AddHttpMessageHandler(twilio.CreateRedirectHandler);
            });

        var storage = app.Get<HotlineStorage>();
        var intake = app.Get<CaseIntake>();
        var route = app.Get<RouteCaseFunction>();
        var send = app.Get<SendSmsFunction>();
        var rawRoute = new RawRouteCase(storage, clock);
        using var twilioHttp = new HttpClient(new RecordingHandler(recorder, "twilio") { InnerHandler = Redirected(twilio) });
        var rawSend = new RawSendSms(storage, new TwilioRestClient(twilio.AccountSid, twilio.AuthToken, twilio.AccountSid, httpClient: new Twilio.Http.SystemNetHttpClient(twilioHttp)), From, clock);

        Console.WriteLine($"Hotline invocation benchmark: {count} invocations of each function and as many of its raw calls, alternating; in process, Azurite in memory, fake Twilio server; {Environment.ProcessorCount} cores; {LoadAverage.Now()}");

        // Every case comes from intake, so the function and its floor start from the same stored rows: even ones are routed by RouteCase, odd ones by the raw calls.
        var tickets = new List<string>();
        for (var i = 0; i < 2 * (count + WarmUp + 1); i++)
        {
            tickets.Add((await intake.SubmitAsync(Report(i), "api", null, default)).TicketId);
        }

        var function = tickets.Where((_, i) => i % 2 == 0).ToList();
        var raw = tickets.Where((_, i) => i % 2 == 1).ToList();
        var routed = await CompareAsync("RouteCase", recorder, count,
            i => route.RouteCase(new RouteCaseMessage(function[i]), default),
            i => rawRoute.RouteAsync(raw[i]));

        // The texts RouteCase queued (and intake's receipts) for the function's cases, and a copy of each for the floor.
        var functionTickets = function.ToHashSet(StringComparer.Ordinal);
        var texts = new List<SmsRequest>();
        for (var batch = await storage.SmsOutbound.ReceiveMessagesAsync(32); batch.Value.Length > 0; batch = await storage.SmsOutbound.ReceiveMessagesAsync(32))
        {
            foreach (var message in batch.Value)
            {
                var request = JsonSerializer.Deserialize<SmsRequest>(message.Body.ToString(), JsonSerializerOptions.Web)!;
                if (functionTickets.Contains(request.TicketId))
                {
                    texts.Add(request);
                }

                await storage.SmsOutbound.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        var composer = app.Get<SmsComposer>();
        var phoneHash = app.Get<PhoneHash>();
        var copies = texts.Select(t => RawSendSms.Prepare(t, composer.Compose(t.Template, t.Language, t.Args).Body, phoneHash)).ToList();
        var textCount = Math.Min(count, texts.Count - WarmUp - 1);
        var sent = await CompareAsync("SendSms", recorder, textCount,
            i => send.SendSms(texts[i], default),
            i => rawSend.SendAsync(copies[i]));
        var delivered = twilio.Sent.Count;

        Console.WriteLine();
        Print("RouteCase", routed);
        Print("SendSms", sent);
        Console.WriteLine($"fake Twilio server: {delivered} messages created ({2 * (textCount + WarmUp + 1)} expected: every text of both sides once); {LoadAverage.Now()}");
        return 0;
    }

    /// <summary>
    /// Warms both up, records one invocation of each in detail (printed, and the floor held to the same calls), then
    /// times <paramref name="count"/> of each, alternating which goes first.
    /// </summary>
    private static async Task<(InvocationTimes Function, InvocationTimes Raw)> CompareAsync(
        string name, StorageCallRecorder recorder, int count, Func<int, Task> function, Func<int, Task> raw)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await function(i);
            await raw(i);
        }

        recorder.Recording = true;
        await function(WarmUp);
        var functionCalls = recorder.Take();
        await raw(WarmUp);
        var rawCalls = recorder.Take();
        Console.WriteLine();
        Console.WriteLine($"{name}, one invocation: {functionCalls.Count} round trips in {Steps(functionCalls).Max()} sequential steps (calls in one step were in flight together)");
        PrintCalls(functionCalls);
        var same = functionCalls.Select(c => Comparable(c.What)).Order(StringComparer.Ordinal)
            .SequenceEqual(rawCalls.Select(c => Comparable(c.What)).Order(StringComparer.Ordinal));
        Console.WriteLine(same
            ? $"{name}, its raw calls: the same {rawCalls.Count} calls, in {Steps(rawCalls).Max()} steps (a row read before it is written is inserted when missing, replaced under its ETag when found: either counts as its write)"
            : $"{name}, its raw calls DIFFER: {rawCalls.Count} round trips in {Steps(rawCalls).Max()} steps");
        if (!same)
        {
            PrintCalls(rawCalls);
        }

        var times = (Function: new InvocationTimes(), Raw: new InvocationTimes());
        for (var i = 0; i < count; i++)
        {
            var at = WarmUp + 1 + i;
            if (i % 2 == 0)
            {
                await TimeAsync(recorder, times.Function, () => function(at));
                await TimeAsync(recorder, times.Raw, () => raw(at));
            }
            else
            {
                await TimeAsync(recorder, times.Raw, () => raw(at));
                await TimeAsync(recorder, times.Function, () => function(at));
            }
        }

        recorder.Recording = false;
        return times;
    }

    private static async Task TimeAsync(StorageCallRecorder recorder, InvocationTimes times, Func<Task> action)
    {
        recorder.Take();
        var start = Stopwatch.GetTimestamp();
        await action();
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds, recorder.Take());
    }

    private static void Print(string name, (InvocationTimes Function, InvocationTimes Raw) t)
    {
        var (p50, p99) = (t.Function.P(0.5) / t.Raw.P(0.5), t.Function.P(0.99) / t.Raw.P(0.99));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-9} function p50 {t.Function.P(0.5),6:F2} ms p99 {t.Function.P(0.99),6:F2} ms ({t.Function.Calls} calls; in round trips p50 {t.Function.InCalls(0.5),6:F2} ms, outside them p50 {t.Function.Outside,5:F2} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"",-9} raw      p50 {t.Raw.P(0.5),6:F2} ms p99 {t.Raw.P(0.99),6:F2} ms ({t.Raw.Calls} calls; in round trips p50 {t.Raw.InCalls(0.5),6:F2} ms, outside them p50 {t.Raw.Outside,5:F2} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"",-9} ratio    p50 {p50:F2} p99 {p99:F2} (n = {t.Function.Count} each)   target: at most {Target:F2}{(p50 <= Target ? "" : " — missed")}"));
        var raw = t.Raw.ByCall.ToDictionary(c => c.Call, StringComparer.Ordinal);
        Console.WriteLine($"{"",-9} each call's p50 latency, function | raw (invocations that made it):");
        foreach (var (call, p, made) in t.Function.ByCall)
        {
            var other = raw.GetValueOrDefault(call);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",-11}{call,-52} {p,6:F2} ms ({made,3}) | {(other.Call is null ? "     -" : other.P50.ToString("F2", CultureInfo.InvariantCulture)),6} ms ({other.Made,3})"));
        }
    }

    /// <summary>Which of a read row's two writes a call is depends on the data (a report row of a day's shard exists or not), not on the code.</summary>
    private static string Comparable(string what) => what.Split(' ') switch
    {
        ["table", "POST", var table, "table"] => $"table write {table}",
        ["table", "PUT", var table, "entity", "if-match", "etag"] => $"table write {table}",
        _ => what,
    };

    private static void PrintCalls(IReadOnlyList<StorageCall> calls)
    {
        foreach (var (call, step) in calls.Zip(Steps(calls)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step,2}  {call.What,-58} {call.Status}"));
        }
    }

    /// <summary>The sequential step of each call: a call that starts before every call of the current step has ended is in flight with them.</summary>
    private static List<int> Steps(IReadOnlyList<StorageCall> calls)
    {
        var steps = new List<int>();
        var (step, end) = (0, long.MinValue);
        foreach (var call in calls)
        {
            step += call.Start >= end ? 1 : 0;
            end = call.Start >= end ? call.End : Math.Max(end, call.End);
            steps.Add(step);
        }

        return steps;
    }

    private static DelegatingHandler Redirected(FakeTwilioServer twilio)
    {
        var redirect = twilio.CreateRedirectHandler();
        redirect.InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false };
        return redirect;
    }

    private static T Recorded<T>(T options, StorageCallRecorder recorder) where T : Azure.Core.ClientOptions
    {
        options.AddPolicy(recorder, Azure.Core.HttpPipelinePosition.PerRetry);
        return options;
    }

    private static Submission Report(int i) =>
        new($"第{i}号：我们工地拖欠三个月工资", string.Create(CultureInfo.InvariantCulture, $"+86139{i:D8}"), null, "650102", "wage_arrears", null, null, "zh-CN");
}
