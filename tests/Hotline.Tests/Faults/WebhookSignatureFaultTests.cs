using System.Net;
using System.Security.Cryptography;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.SmsInbound;
using Xunit.Abstractions;

namespace Hotline.Tests.Faults;

/// <summary>
/// Both Twilio webhooks against every way a signature can be wrong: missing, empty, forged (random, or signed with
/// another auth token), over an altered body (a field changed, added or dropped after signing) and for another URL
/// (host, scheme, path, query): every one a 403, and storage exactly as before.
/// </summary>
public sealed class WebhookSignatureFaultTests(AzuriteInstance azurite, ITestOutputHelper testOutput) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly RecordingOutput _output = new(testOutput);

    private const int Seed = 11_003;
    private const int PerKind = 25;

    private readonly HotlineApp _app = TwilioWebhook.App(azurite);

    [Fact]
    public async Task Every_missing_forged_altered_or_misdirected_signature_is_refused_and_writes_nothing()
    {
        using var client = _app.CreateClient();
        var random = new Random(Seed);
        var requests = new List<(string Kind, string Path, List<KeyValuePair<string, string>> Fields, string? Signature)>();
        foreach (var path in new[] { "/api/sms/inbound", "/api/sms/status" })
        {
            for (var i = 0; i < PerKind; i++)
            {
                var fields = Fields(path, random);
                var url = TwilioWebhook.BaseUrl + path;
                var valid = TwilioWebhookSigner.Sign(TwilioWebhook.AuthToken, url, fields);
                requests.Add(("missing", path, fields, null));
                requests.Add(("empty", path, fields, i % 2 == 0 ? "" : " "));
                requests.Add(("random", path, fields, Convert.ToBase64String(RandomBytes(random, 20))));
                requests.Add(("other token", path, fields, TwilioWebhookSigner.Sign("not-the-auth-token-" + i, url, fields)));
                requests.Add(("one bit off", path, fields, FlipBit(valid, random)));
                requests.Add(("valid, case changed", path, fields, string.Equals(valid.ToUpperInvariant(), valid, StringComparison.Ordinal) ? valid.ToLowerInvariant() : valid.ToUpperInvariant()));
                requests.Add(("altered field", path, Altered(fields, random), valid));
                requests.Add(("added field", path, [.. fields, new("Extra" + i, "1")], valid));
                var dropped = random.Next(fields.Count);
                requests.Add(("dropped field", path, [.. fields.Where((_, j) => j != dropped)], valid));
                var otherUrl = (i % 5) switch
                {
                    0 => "https://elsewhere.example.org" + path,
                    1 => "http://hotline.example.org" + path,
                    2 => TwilioWebhook.BaseUrl + (path.EndsWith("inbound", StringComparison.Ordinal) ? "/api/sms/status" : "/api/sms/inbound"),
                    3 => url + "?x=1",
                    _ => url + "/",
                };
                requests.Add(("wrong url", path, fields, TwilioWebhookSigner.Sign(TwilioWebhook.AuthToken, otherUrl, fields)));
            }
        }

        var before = await StorageSnapshot.TakeAsync(_app.Storage);
        var answers = new (string Kind, string Path, HttpStatusCode Status)[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var (kind, path, fields, signature) = requests[i];
            using var response = await TwilioWebhook.PostAsync(client, path, fields, sign: false, signature: signature);
            answers[i] = (kind, path, response.StatusCode);
        });
        var added = before.Added(await StorageSnapshot.TakeAsync(_app.Storage));

        var refused = answers.Count(a => a.Status == HttpStatusCode.Forbidden);
        _output.WriteLine($"seed {Seed}: requests {answers.Length}, refused (403) {refused} ({100.0 * refused / answers.Length:F1} %), 5xx {answers.Count(a => (int)a.Status >= 500)}, rows or messages written {added.Count}");
        foreach (var kind in answers.GroupBy(a => a.Kind))
        {
            _output.WriteLine($"  {kind.Key}: {kind.Count()} sent, {kind.Count(a => a.Status == HttpStatusCode.Forbidden)} refused");
        }

        Assert.All(answers.Select((a, i) => (a, i)), x => Assert.True(x.a.Status == HttpStatusCode.Forbidden, $"request {x.i} ({x.a.Kind} on {x.a.Path}) got {(int)x.a.Status}"));
        Assert.Empty(added);

        // The same requests signed properly are accepted: the refusals were the signatures', not the requests'.
        using var signed = await TwilioWebhook.PostAsync(client, requests[0].Path, requests[0].Fields);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Contains(before.Added(await StorageSnapshot.TakeAsync(_app.Storage)), row => row.StartsWith(_app.Storage.SmsInbound.Name + ":", StringComparison.Ordinal));
        _app.AssertNoUnexpectedWarnings("Twilio webhook rejected");
        PrivacyAssert.NothingSecretIn(
            _app.Logs.Lines.Concat(_output.Lines),
            PrivacyAssert.PhonesIn(requests.SelectMany(r => r.Fields.Select(f => f.Value))),
            [TwilioWebhook.AuthToken, _app.Host.MasterKey]);
    }

    private static List<KeyValuePair<string, string>> Fields(string path, Random random)
    {
        var sid = "SM" + Convert.ToHexString(RandomBytes(random, 16)).ToLowerInvariant();
        if (path.EndsWith("inbound", StringComparison.Ordinal))
        {
            return TwilioWebhook.InboundFields(sid, "+86139" + random.Next(10_000_000, 99_999_999), "老板拖欠我们工资 东县");
        }

        return
        [
            new("MessageSid", sid),
            new("MessageStatus", random.Next(2) == 0 ? "delivered" : "undelivered"),
            new("ErrorCode", random.Next(2) == 0 ? "30003" : "21610"),
            new("To", "+86139" + random.Next(10_000_000, 99_999_999)),
            new("AccountSid", "AC" + new string('0', 32)),
        ];
    }

    private static List<KeyValuePair<string, string>> Altered(List<KeyValuePair<string, string>> fields, Random random)
    {
        var at = random.Next(fields.Count);
        return [.. fields.Select((f, j) => j == at ? new KeyValuePair<string, string>(f.Key, f.Value + "x") : f)];
    }

    private static string FlipBit(string signature, Random random)
    {
        var bytes = Convert.FromBase64String(signature);
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return Convert.ToBase64String(bytes);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => _app.Dispose();
}
