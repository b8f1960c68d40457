using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Storage;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Hotline.Tests.Faults;

/// <summary>
/// Storage goes away in the middle of a submission run: the app's storage connection goes through a loopback proxy
/// (<see cref="StorageProxy"/>) that passes, then refuses every connection, then stalls them, then passes again.
/// Every submission answered 202 exists afterwards and is routed, every other answer is a 503 problem detail with
/// Retry-After (never a 500), each answer comes within the storage bounds, and no submission is stored twice.
/// </summary>
public sealed class StorageOutageTests(AzuriteInstance azurite, ITestOutputHelper output) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    /// <summary>Few at a time, as the issue asks: enough to have requests in flight at every switch.</summary>
    private const int Senders = 4;

    private const string Before = "before";
    private const string Refused = "refused";
    private const string Stalled = "stalled";
    private const string Restored = "restored";

    /// <summary>What the app logs on purpose while storage is away.</summary>
    private static readonly string[] OutageWarnings =
    [
        "answered 503: storage could not be reached",
        "The report could not count case",
        "routing queued again",
    ];

    private StorageProxy _proxy = null!;
    private HotlineApp? _app;

    public Task InitializeAsync()
    {
        _proxy = StorageProxy.Start(azurite);
        return Task.CompletedTask;
    }

    private HotlineApp StartApp(Action<IServiceCollection>? services = null) => _app = new HotlineApp(azurite, new Dictionary<string, string?>
        {
            // The worker's storage goes through the proxy; the local host's own (queues it reads for tests) does not.
            ["Hotline:Storage:Connection"] = "OutageStorage",
            ["OutageStorage"] = _proxy.ConnectionString,

            // Short bounds keep the run short: a storage call gives up within 2 × 1 s + the back-off.
            ["Hotline:Storage:TryTimeout"] = "00:00:01",
            ["Hotline:Storage:MaxRetries"] = "1",
            ["Hotline:Storage:RetryDelay"] = "00:00:00.100",
            ["Hotline:Storage:UnavailableRetryAfter"] = "00:00:07",
            ["Hotline:Intake:SubmissionsPerWindow"] = "10000",
        },
        services);

    [Fact]
    public async Task Storage_refused_then_stalled_mid_run_loses_no_accepted_case_and_answers_503_within_the_bound()
    {
        var app = StartApp();
        app.ExpectWarnings(OutageWarnings);
        var budget = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.CallBudget;

        // A submission makes a few storage calls one after another; in the worst case the one in flight when storage
        // stalls, the report's count after the case is stored (which never fails the request) and the queueing each
        // wait out the whole budget.
        var bound = (budget * 3) + TimeSpan.FromSeconds(5);
        using var client = app.CreateClient();
        client.Timeout = bound + TimeSpan.FromSeconds(10);
        await WarmUpAsync(client);

        var run = Guid.NewGuid().ToString("N")[..8];
        var phase = Before;
        var answers = new ConcurrentQueue<StorageOutageAnswer>();
        var sent = 0;
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sent);
                answers.Enqueue(await SubmitAsync(client, Volatile.Read(ref phase), string.Create(CultureInfo.InvariantCulture, $"工地拖欠三个月工资 run {run} report {n:D4}")));
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        Volatile.Write(ref phase, Refused);
        _proxy.Refuse();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Volatile.Write(ref phase, Stalled);
        _proxy.Stall();

        // Long enough for a call to wait out its whole budget and fail.
        await Task.Delay(budget + budget + TimeSpan.FromSeconds(1));
        Volatile.Write(ref phase, Restored);
        _proxy.Restore();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        // Routing as the host would run it: the queued messages, then the routing check of every case still received
        // (stored, but its message lost or never sent), then the messages that check queued.
        await RouteQueuedAsync(app);
        app.Clock.Advance(app.Services.GetRequiredService<IOptions<FollowUpOptions>>().Value.RoutingGrace + TimeSpan.FromMinutes(1));
        var checks = await app.RunFollowUpsAsync(FollowUpIndex.RoutingCheck);
        await RouteQueuedAsync(app);

        var stored = new List<(string TicketId, string Description, string Status)>();
        await foreach (var entity in app.Storage.Cases.QueryAsync<TableEntity>(filter: "RowKey eq 'case'"))
        {
            var description = entity.GetString(nameof(CaseRecord.Description));
            if (description.Contains(run, StringComparison.Ordinal))
            {
                stored.Add((entity.PartitionKey, description, entity.GetString(nameof(CaseRecord.Status))));
            }
        }

        var all = answers.ToList();
        var accepted = all.Where(a => a.Status == 202).ToList();
        var unavailable = all.Where(a => a.Status == 503).ToList();
        var byTicket = stored.ToDictionary(s => s.TicketId);
        var lost = accepted.Where(a => !byTicket.TryGetValue(a.TicketId!, out var s) || s.Description != a.Description || s.Status != CaseStatus.Assigned).ToList();
        var duplicated = stored.GroupBy(s => s.Description).Where(g => g.Count() > 1).ToList();
        var storedAfter503 = stored.Count(s => unavailable.Any(u => u.Description == s.Description));
        var slowest = all.Max(a => a.Elapsed);
        var storedByEarlierTry = app.Logs.Entries.Select(e => e.ToString()).Where(l => l.Contains("was stored by an earlier try", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("Case ", StringComparison.Ordinal) + 5)..][..8]).Distinct().Count();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sent {all.Count}, 202 {accepted.Count}, 503 {unavailable.Count}, other {all.Count - accepted.Count - unavailable.Count}, lost {lost.Count}, duplicated {duplicated.Count}, "
            + $"stored though answered 503 {storedAfter503} (routed by the routing check: {checks} checks run), slowest answer {slowest.TotalSeconds:F2} s (bound {bound.TotalSeconds:F1} s, "
            + $"storage call budget {budget.TotalSeconds:F2} s), connections reset by the proxy {_proxy.ResetConnections}, "
            + $"case writes found stored by an earlier try of theirs {storedByEarlierTry}"));
        foreach (var group in all.GroupBy(a => a.Phase))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  sent while {group.Key}: {group.Count()}, 202 {group.Count(a => a.Status == 202)}, 503 {group.Count(a => a.Status == 503)}, slowest {group.Max(a => a.Elapsed).TotalSeconds:F2} s"));
        }

        Assert.All(all, a => Assert.True(a.Status is 202 or 503, $"{a.Description} sent while {a.Phase}: {a.Status}"));
        Assert.All(unavailable, a => Assert.True(
            a.ContentType == "application/problem+json" && a.RetryAfter == "7",
            $"{a.Description}: 503 as {a.ContentType}, Retry-After {a.RetryAfter}"));
        Assert.Empty(lost);
        Assert.Empty(duplicated);
        Assert.All(stored, s => Assert.Equal(CaseStatus.Assigned, s.Status));
        Assert.All(all, a => Assert.True(a.Elapsed < bound, $"{a.Description} took {a.Elapsed.TotalSeconds:F2} s"));

        // The run did what it says: cases accepted before and after the outage, 503s during both kinds of it.
        Assert.Contains(all, a => a.Phase == Before && a.Status == 202);
        Assert.Contains(all, a => a.Phase == Restored && a.Status == 202);
        Assert.Contains(all, a => a.Phase == Refused && a.Status == 503);
        Assert.Contains(all, a => a.Phase == Stalled && a.Status == 503);
    }

    [Fact]
    public async Task While_storage_refuses_the_web_form_post_gets_its_form_back_and_the_status_lookups_a_503()
    {
        var app = StartApp();
        app.ExpectWarnings(OutageWarnings);
        using var client = app.CreateClient();
        await WarmUpAsync(client);
        _proxy.Refuse();

        var form = "description=" + Uri.EscapeDataString("工地拖欠三个月工资，老板失联") + "&region=621124&consent=on&language=en";
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/submissions")
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes(form)) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } },
        };
        post.Headers.Add("Accept", "text/html,application/xhtml+xml");
        using var page = await client.SendAsync(post);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.StartsWith("text/html", page.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal("7", page.Headers.GetValues("Retry-After").Single());
        Assert.Contains("was not sent", html, StringComparison.Ordinal);
        Assert.Contains("老板失联", html, StringComparison.Ordinal);

        using var status = await client.GetAsync("/api/submissions/K7M3QX2P?code=ABCDEF");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        Assert.Equal("application/problem+json", status.Content.Headers.ContentType?.MediaType);
        Assert.Equal("7", status.Headers.GetValues("Retry-After").Single());

        using var statusPage = await client.GetAsync("/status?ticketId=K7M3QX2P&code=ABCDEF&lang=en");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, statusPage.StatusCode);
        Assert.StartsWith("text/html", statusPage.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("briefly unavailable", await statusPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing of the refused post was kept once storage is back.
        _proxy.Restore();
        var cases = new List<string>();
        await foreach (var entity in app.Storage.Cases.QueryAsync<TableEntity>(filter: "RowKey eq 'case'"))
        {
            if (entity.GetString(nameof(CaseRecord.Description)).Contains("老板失联", StringComparison.Ordinal))
            {
                cases.Add(entity.PartitionKey);
            }
        }

        Assert.Empty(cases);
    }

    [Fact]
    public async Task A_case_write_whose_answer_was_lost_is_tried_again_and_stored_once()
    {
        var lostAnswer = new StorageOutageLostAnswerPolicy();
        var app = StartApp(services => services.AddSingleton(sp =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(lostAnswer, HttpPipelinePosition.PerRetry);
            return sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(options);
        }));
        using var client = app.CreateClient();
        lostAnswer.Arm(app.Storage.Cases.Name);

        var description = "工地拖欠三个月工资，应答丢失 " + Guid.NewGuid().ToString("N")[..8];
        using var response = await client.PostAsJsonAsync("/api/submissions", new { description, region = "621124", consent = true });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, lostAnswer.Lost);
        var ticket = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString();
        var stored = new List<string>();
        await foreach (var entity in app.Storage.Cases.QueryAsync<TableEntity>(filter: "RowKey eq 'case'"))
        {
            if (entity.GetString(nameof(CaseRecord.Description)) == description)
            {
                stored.Add(entity.PartitionKey);
            }
        }

        Assert.Equal([ticket!], stored);
        await RouteQueuedAsync(app);
        Assert.Equal(CaseStatus.Assigned, (await app.Services.GetRequiredService<CaseStore>().GetAsync(ticket!, CancellationToken.None))?.Record.Status);
    }

    public async Task DisposeAsync()
    {
        _app?.Dispose();
        await _proxy.DisposeAsync();
    }

    /// <summary>One accepted submission: the worker is up, its connections open, before the clock of the run starts.</summary>
    private static async Task WarmUpAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/submissions", new { description = "warm-up: 工地拖欠工资", region = "621124", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<StorageOutageAnswer> SubmitAsync(HttpClient client, string phase, string description)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var response = await client.PostAsJsonAsync("/api/submissions", new { description, region = "621124", consent = true });
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        string? ticket = null;
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            ticket = JsonDocument.Parse(body).RootElement.GetProperty("ticketId").GetString();
        }

        return new StorageOutageAnswer(
            phase,
            description,
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("Retry-After", out var retryAfter) ? retryAfter.Single() : null,
            ticket,
            elapsed);
    }

    private static async Task RouteQueuedAsync(HotlineApp app)
    {
        foreach (var message in await app.Storage.CaseRouting.ReceiveAllJsonAsync())
        {
            var routed = await app.InvokeAsync("RouteCase", message.GetRawText());
            Assert.True(routed.Succeeded, routed.FailureMessage);
        }
    }
}
