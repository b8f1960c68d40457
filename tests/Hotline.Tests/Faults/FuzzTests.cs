using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.SmsInbound;
using Xunit.Abstractions;

namespace Hotline.Tests.Faults;

/// <summary>
/// Ten thousand and more hostile requests (<see cref="HostileRequests"/>, one fixed seed) across every public endpoint,
/// sent concurrently through the whole pipeline: not one 5xx, and nothing half-written. A refused request writes
/// nothing; the few valid by chance may, and every case, claim and message in storage afterwards is one an accepted
/// request explains, complete.
/// </summary>
public sealed partial class FuzzTests(AzuriteInstance azurite, ITestOutputHelper testOutput) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly RecordingOutput _output = new(testOutput);

    private const int Seed = 20_261_201;
    private const int PerEndpoint = 520;
    private const string Open311Key = "fuzz-partner-key-0123456789";

    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
        ["Hotline:Routing:DefaultUnitId"] = "city",
        ["Hotline:Sms:Twilio:AuthToken"] = TwilioWebhook.AuthToken,
        ["Hotline:Sms:Twilio:WebhookBaseUrl"] = TwilioWebhook.BaseUrl,
        ["Hotline:Open311:ApiKeys"] = Open311Key,

        // One client sends everything here: the limits would answer most of the run with 429 and test nothing else.
        ["Hotline:Intake:SubmissionsPerWindow"] = "10000",
        ["Hotline:Intake:StatusLookupsPerWindow"] = "100000",
    });

    [Fact]
    public async Task Hostile_requests_to_every_endpoint_get_no_5xx_and_leave_nothing_half_written()
    {
        using var client = _app.CreateClient();
        using var keyless = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _app.Host.BaseAddress };
        var tickets = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var submitted = await client.PostAsJsonAsync("/api/submissions", new { description = "厂里拖欠两个月工资", phone = $"1390000770{i}", region = "650102", consent = true });
            var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
            Assert.True((await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""")).Succeeded);
            tickets.Add(ticket);
        }

        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var officer in new[] { "east-h1", "east-h2", "east-head", "city-h1" })
        {
            using var issued = await client.PostAsync($"/api/admin/officers/{officer}/tokens", null);
            tokens[officer] = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        var requests = new HostileRequests(new Random(Seed), new HostileRequests.Known(tickets, tokens, Open311Key)).Generate(PerEndpoint).ToList();
        var before = await StorageSnapshot.TakeAsync(_app.Storage);
        var answers = new ConcurrentDictionary<int, (HttpStatusCode Status, string Body)>();
        var failures = new ConcurrentQueue<string>();
        var started = TimeProvider.System.GetTimestamp();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (r, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(r.Method, r.Path);
            if (r.Body is not null)
            {
                request.Content = new ByteArrayContent(r.Body);
                if (!string.IsNullOrEmpty(r.ContentType))
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
                }
            }

            foreach (var (name, value) in r.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (r.Bearer is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + r.Bearer);
            }

            try
            {
                using var response = await (r.WithMasterKey ? client : keyless).SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                answers[r.Number] = (response.StatusCode, (int)response.StatusCode < 300 ? body : "");
                if ((int)response.StatusCode >= 500)
                {
                    failures.Enqueue($"{(int)response.StatusCode} for {r}\n    answer: {body[..Math.Min(body.Length, 400)]}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or FormatException)
            {
                answers[r.Number] = (0, "");
                failures.Enqueue($"no answer for {r}: {e.GetType().Name} {e.Message}");
            }
        });
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var after = await StorageSnapshot.TakeAsync(_app.Storage);

        _output.WriteLine($"seed {Seed}: {requests.Count} requests in {elapsed.TotalSeconds:F1} s, 5xx or no answer {failures.Count}");
        foreach (var endpoint in requests.GroupBy(r => r.Endpoint))
        {
            var statuses = endpoint.Select(r => (int)answers[r.Number].Status).GroupBy(s => s).OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Count()}");
            _output.WriteLine($"  {endpoint.Key}: {endpoint.Count()} sent; {string.Join(", ", statuses)}");
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} requests got a 5xx or no answer:\n" + string.Join("\n", failures.Take(20)));

        // Accepted by chance: whatever they wrote must be whole, and everything written must be theirs.
        var accepted = requests.Where(r => (int)answers[r.Number].Status is >= 200 and < 300).ToList();
        var named = accepted.SelectMany(r => TicketLike().Matches(answers[r.Number].Body).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        var added = before.Added(after);
        var newCases = added.Where(a => a.StartsWith(_app.Storage.Cases.Name + ": ", StringComparison.Ordinal))
            .Select(a => a[(_app.Storage.Cases.Name.Length + 2)..].Split('/')).ToList();
        var newCaseTickets = newCases.Where(k => k[1] == "case").Select(k => k[0]).ToHashSet(StringComparer.Ordinal);
        _output.WriteLine($"accepted {accepted.Count} ({string.Join(", ", accepted.GroupBy(r => r.Endpoint).Select(g => $"{g.Key} {g.Count()}"))}); new cases {newCaseTickets.Count}, rows and messages added {added.Count}");

        foreach (var ticket in newCaseTickets)
        {
            Assert.True(named.Contains(ticket), $"case {ticket} was stored, but no accepted request was answered with it");
            Assert.Contains(newCases, k => k[0] == ticket && k[1] == "audit-000000");
        }

        // An audit line is only ever written with a case change: no line without its case.
        foreach (var line in newCases.Where(k => k[1] != "case"))
        {
            Assert.True(newCaseTickets.Contains(line[0]) || tickets.Contains(line[0]), $"audit row {line[0]}/{line[1]} belongs to no case");
        }

        // Every Idempotency-Key claimed was finished, and only accepted requests claimed one: submissions that carried
        // a key, and inbound texts (each sid is the key of the case it starts).
        var claims = 0;
        await foreach (var claim in _app.Storage.Idempotency.QueryAsync<TableEntity>())
        {
            claims++;
            Assert.True(claim.GetBoolean("Completed") == true, $"Idempotency-Key claim for {claim.GetString("TicketId")} left unfinished");
        }

        var mayClaim = accepted.Count(r => r.Headers.Any(h => h.Key == "Idempotency-Key") || r.Endpoint == "ReceiveSms signed");
        Assert.True(claims <= mayClaim, $"{claims} Idempotency-Key claims for {mayClaim} accepted requests that may claim one");

        // Inbound texts: each sid recorded was a signed, accepted delivery, and was answered.
        await foreach (var inbound in _app.Storage.SmsInbound.QueryAsync<TableEntity>())
        {
            Assert.NotNull(inbound.GetString("Reply"));
            Assert.Contains(accepted, r => r.Endpoint == "ReceiveSms signed" && System.Text.Encoding.UTF8.GetString(r.Body!).Contains(inbound.PartitionKey, StringComparison.Ordinal));
        }

        // Queues: routing only for the cases stored; nothing queued by a run where nothing was accepted that queues.
        var routing = after.Messages[_app.Storage.CaseRouting.Name] - before.Messages[_app.Storage.CaseRouting.Name];
        Assert.True(routing <= newCaseTickets.Count, $"{routing} routing messages for {newCaseTickets.Count} new cases");
        Assert.DoesNotContain(added, a => a.StartsWith(_app.Storage.Directory.Name + ":", StringComparison.Ordinal));
        _app.AssertNoUnexpectedWarnings("Twilio webhook rejected");

        // Privacy: none of the phones sent, in either form, and no key or token, in anything logged or printed.
        var sent = requests.SelectMany(r => new[] { r.Path, r.Body is null ? "" : System.Text.Encoding.UTF8.GetString(r.Body) });
        PrivacyAssert.NothingSecretIn(
            _app.Logs.Lines.Concat(_output.Lines),
            PrivacyAssert.PhonesIn(sent).Append("13900007700").Append("13900007701"),
            [.. tokens.Values, Open311Key, TwilioWebhook.AuthToken, _app.Host.MasterKey]);
    }

    // Ticket ids as the app writes them (TicketId's alphabet: no 0, 1, I, L, O).
    [GeneratedRegex("[2-9A-HJKMNP-Z]{8}", RegexOptions.CultureInvariant)]
    private static partial Regex TicketLike();

    public void Dispose() => _app.Dispose();
}
