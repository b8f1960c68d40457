using System.Net;
using System.Text;
using System.Xml.Linq;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.SmsInbound;

/// <summary>
/// Posts webhooks as Twilio does: form-encoded, signed with the test auth token over the public URL the app
/// validates against (the configured WebhookBaseUrl plus the path).
/// </summary>
public static class TwilioWebhook
{
    public const string AuthToken = "test-twilio-auth-token";
    public const string BaseUrl = "https://hotline.example.org";
    public const string HotlineNumber = "+8610612351";

    private static int _phones;

    /// <summary>The app with the test directory and the signing settings.</summary>
    public static HotlineApp App(AzuriteInstance azurite) => new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
        ["Hotline:Routing:DefaultUnitId"] = "city",
        ["Hotline:Sms:Twilio:AuthToken"] = AuthToken,
        ["Hotline:Sms:Twilio:WebhookBaseUrl"] = BaseUrl,
    });

    public static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    /// <summary>A caller's phone no other test uses, E.164.</summary>
    public static string NewCallerPhone() => $"+86139100{Interlocked.Increment(ref _phones) % 100_000:D5}";

    public static Task<HttpResponseMessage> TextAsync(HttpClient client, string from, string body, string? sid = null) =>
        PostAsync(client, "/api/sms/inbound", InboundFields(sid ?? NewSid(), from, body));

    public static List<KeyValuePair<string, string>> InboundFields(string sid, string from, string body) =>
    [
        new("ToCountry", "CN"),
        new("SmsMessageSid", sid),
        new("NumMedia", "0"),
        new("SmsSid", sid),
        new("SmsStatus", "received"),
        new("Body", body),
        new("To", HotlineNumber),
        new("NumSegments", "1"),
        new("MessageSid", sid),
        new("AccountSid", "AC" + new string('0', 32)),
        new("From", from),
        new("ApiVersion", "2010-04-01"),
    ];

    /// <summary>Posts the fields signed as Twilio would, or with <paramref name="signature"/> instead (null: no header).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IReadOnlyList<KeyValuePair<string, string>> fields, bool sign = true, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        var value = sign ? TwilioWebhookSigner.Sign(AuthToken, BaseUrl + path, fields) : signature;
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(TwilioWebhookSigner.HeaderName, value);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The text of the TwiML reply's Message, or null for an empty Response; fails on anything but TwiML.</summary>
    public static async Task<string?> ReplyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root.Element("Message")?.Value;
    }

    /// <summary>Sends a text and returns the reply's text.</summary>
    public static async Task<string?> ReplyToAsync(HttpClient client, string from, string body, string? sid = null)
    {
        using var response = await TextAsync(client, from, body, sid);
        return await ReplyAsync(response);
    }

    /// <summary>The ticket id a reply quotes (8 characters of the ticket alphabet after "工单" or "ticket ").</summary>
    public static string TicketIn(string? reply)
    {
        Assert.NotNull(reply);
        var match = System.Text.RegularExpressions.Regex.Match(reply, "(?:工单号?|[Tt]icket |Case )([2-9A-HJKMNP-Z]{8})");
        Assert.True(match.Success, $"No ticket id in: {reply}");
        return match.Groups[1].Value;
    }

    public static StringContent RawForm(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");
}
