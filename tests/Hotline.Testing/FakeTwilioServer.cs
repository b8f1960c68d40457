using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline.Testing;

/// <summary>
/// Twilio's Messages API on a real Kestrel server (127.0.0.1, a free port): the one fake in the test suite, for the
/// one service that cannot run here. It checks the wire format as Twilio does
/// (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource): Basic auth with the
/// account SID and auth token (or an API key), the account in the path, a form-urlencoded body with To,
/// From or MessagingServiceSid, and Body; and it refuses any parameter Twilio does not define. A good request gets
/// 201 and Twilio's JSON, or the next scripted <see cref="FakeTwilioReply"/>. Every request is recorded.
/// </summary>
public sealed partial class FakeTwilioServer : IAsyncDisposable
{
    // Fake, written in two parts so secret scanners do not take it for a real account SID.
    public const string DefaultAccountSid = "AC" + "0123456789abcdef" + "0123456789abcdef";
    public const string DefaultAuthToken = "fake-auth-token-0123456789abcdef";

    /// <summary><see cref="FakeTwilioRequest.ResponseStatus"/> of a request the client abandoned before the answer.</summary>
    public const int ClientClosedRequest = 499;

    /// <summary><see cref="FakeTwilioRequest.ResponseStatus"/> of a delayed request not answered yet.</summary>
    public const int Pending = 0;

    // https://www.twilio.com/docs/messaging/api/message-resource#request-body-parameters
    private static readonly HashSet<string> KnownParameters = new(StringComparer.Ordinal)
    {
        "To", "From", "MessagingServiceSid", "Body", "MediaUrl", "ContentSid", "ContentVariables", "StatusCallback",
        "ApplicationSid", "MaxPrice", "ProvideFeedback", "Attempt", "ValidityPeriod", "ForceDelivery", "ContentRetention",
        "AddressRetention", "SmartEncoded", "PersistentAction", "TrafficType", "ShortenUrls", "ScheduleType", "SendAt",
        "SendAsMms", "RiskCheck",
    };

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<FakeTwilioRequest> requests = [];
    private readonly Queue<FakeTwilioReply> script = new();
    private readonly Dictionary<string, FakeTwilioReply> refusals = new(StringComparer.Ordinal);
    private Random? failureRandom;
    private int failurePercent;
    private FakeTwilioReply[] failures = [];

    private FakeTwilioServer(WebApplication app, string accountSid, string authToken, string? apiKeySid, string? apiKeySecret)
    {
        this.app = app;
        AccountSid = accountSid;
        AuthToken = authToken;
        ApiKeySid = apiKeySid;
        ApiKeySecret = apiKeySecret;
    }

    public string AccountSid { get; }

    public string AuthToken { get; }

    public string? ApiKeySid { get; }

    public string? ApiKeySecret { get; }

    /// <summary>e.g. http://127.0.0.1:54321: where <see cref="CreateRedirectHandler"/> sends the SDK's requests.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>A handler for the app's Twilio HttpClient that sends its requests here instead of to Twilio.</summary>
    public DelegatingHandler CreateRedirectHandler() => new FakeTwilioRedirectHandler(BaseUrl);

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<FakeTwilioRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The requests answered 201: the messages Twilio would have sent.</summary>
    public IReadOnlyList<FakeTwilioRequest> Sent => [.. Requests.Where(r => r.ResponseStatus == 201)];

    public static async Task<FakeTwilioServer> StartAsync(
        string accountSid = DefaultAccountSid,
        string authToken = DefaultAuthToken,
        string? apiKeySid = null,
        string? apiKeySecret = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeTwilioServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        var app = builder.Build();
        var server = new FakeTwilioServer(app, accountSid, authToken, apiKeySid, apiKeySecret);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", server.CreateMessageAsync);
        app.MapFallback(server.NotFoundAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address);
        await server.WarmUpAsync();
        return server;
    }

    /// <summary>
    /// One unauthenticated request through the real handler, then forgotten: the first request to a cold server is slow
    /// enough (JIT) to trip the short client timeouts that tests use.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient();
        using var content = new FormUrlEncodedContent([new("To", "+10000000000")]);
        using var response = await http.PostAsync(new Uri(BaseUrl, $"/2010-04-01/Accounts/{AccountSid}/Messages.json"), content);
        lock (gate)
        {
            requests.Clear();
        }
    }

    /// <summary>Scripts the answers to the next well-formed requests, in order; after them, 201 again.</summary>
    public void Enqueue(params FakeTwilioReply[] replies)
    {
        lock (gate)
        {
            foreach (var reply in replies)
            {
                script.Enqueue(reply);
            }
        }
    }

    /// <summary>
    /// After the script, answers <paramref name="percent"/> % of well-formed requests with one of
    /// <paramref name="failing"/>, drawn from <paramref name="seed"/> (so a run fails the same requests in the same
    /// order each time it sends them in the same order); the rest 201.
    /// </summary>
    public void FailRandomly(int seed, int percent, params FakeTwilioReply[] failing)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfZero(failing.Length);
        lock (gate)
        {
            failureRandom = new Random(seed);
            failurePercent = percent;
            failures = failing;
        }
    }

    /// <summary>Answers every text to <paramref name="to"/> with <paramref name="reply"/> (a permanent error such as 21211), after the script.</summary>
    public void Refuse(string to, FakeTwilioReply reply)
    {
        lock (gate)
        {
            refusals[to] = reply;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task CreateMessageAsync(HttpContext context, string sid)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var raw = await reader.ReadToEndAsync(context.RequestAborted);
        var form = ParseForm(raw);
        string? To() => form?.FirstOrDefault(f => f.Key == "To").Value;

        var (reply, problem) = Check(request, sid, form);
        if (problem is null)
        {
            lock (gate)
            {
                reply = script.Count > 0 ? script.Dequeue()
                    : To() is { } to && refusals.TryGetValue(to, out var refusal) ? refusal
                    : failureRandom is not null && failureRandom.Next(100) < failurePercent ? failures[failureRandom.Next(failures.Length)]
                    : FakeTwilioReply.Created;
            }
        }

        var messageSid = reply.StatusCode == 201 ? "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : null;
        int index;
        lock (gate)
        {
            index = requests.Count;
            requests.Add(new FakeTwilioRequest(
                request.Method,
                request.Path + request.QueryString,
                request.ContentType,
                request.Headers.Authorization.FirstOrDefault(),
                raw,
                form ?? [],
                reply.Delay > TimeSpan.Zero ? Pending : reply.StatusCode,
                reply.ErrorCode,
                reply.Delay > TimeSpan.Zero ? null : messageSid));
        }

        if (reply.DropConnection)
        {
            // Twilio took the message, then the answer was lost on the way back.
            context.Abort();
            return;
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
                lock (gate)
                {
                    requests[index] = requests[index] with { ResponseStatus = reply.StatusCode, MessageSid = messageSid };
                }
            }
            catch (OperationCanceledException)
            {
                // The client gave up first: record it as nginx's 499 "client closed request", not as a sent message.
                lock (gate)
                {
                    requests[index] = requests[index] with { ResponseStatus = ClientClosedRequest, MessageSid = null };
                }

                return;
            }
        }

        if (messageSid is not null)
        {
            await WriteCreatedAsync(context, sid, messageSid, form!);
        }
        else
        {
            await WriteErrorAsync(context, reply.StatusCode, reply.ErrorCode ?? 20000, (problem ?? reply.Message ?? "Error").Replace("{To}", To(), StringComparison.Ordinal), reply.RetryAfter);
        }
    }

    /// <summary>Twilio's order: credentials, then the account, then the body. Returns the reply for a bad request, or no problem.</summary>
    private (FakeTwilioReply Reply, string? Problem) Check(HttpRequest request, string sid, List<KeyValuePair<string, string>>? form)
    {
        if (!Authorized(request.Headers.Authorization.FirstOrDefault()))
        {
            return Fail(401, 20003, "Authenticate");
        }

        if (!string.Equals(sid, AccountSid, StringComparison.Ordinal))
        {
            return Fail(404, 20404, $"The requested resource /2010-04-01/Accounts/{sid}/Messages.json was not found");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || mediaType.MediaType != "application/x-www-form-urlencoded"
            || (mediaType.CharSet is { } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(400, 21602, $"Message body is required. (FakeTwilioServer: Content-Type '{request.ContentType}' is not application/x-www-form-urlencoded)");
        }

        if (form is null)
        {
            return Fail(400, 21602, "Message body is required. (FakeTwilioServer: the body is not valid form-urlencoded UTF-8)");
        }

        var unknown = form.Select(f => f.Key).FirstOrDefault(k => !KnownParameters.Contains(k));
        if (unknown is not null)
        {
            return Fail(400, 20001, $"Unknown parameter '{unknown}' (FakeTwilioServer accepts only the documented Message parameters)");
        }

        var duplicate = form.GroupBy(f => f.Key).FirstOrDefault(g => g.Count() > 1 && g.Key != "MediaUrl");
        if (duplicate is not null)
        {
            return Fail(400, 20001, $"Parameter '{duplicate.Key}' appears more than once");
        }

        string? Value(string name) => form.FirstOrDefault(f => f.Key == name).Value;

        var to = Value("To");
        if (string.IsNullOrEmpty(to))
        {
            return Fail(400, 21604, "A 'To' phone number is required.");
        }

        if (!E164().IsMatch(to))
        {
            return Fail(400, 21211, $"The 'To' number {to} is not a valid phone number.");
        }

        if (string.IsNullOrEmpty(Value("From")) && string.IsNullOrEmpty(Value("MessagingServiceSid")))
        {
            return Fail(400, 21603, "A 'From' phone number is required.");
        }

        if (Value("MessagingServiceSid") is { Length: > 0 } service && !MessagingService().IsMatch(service))
        {
            return Fail(400, 21705, "The Messaging Service Sid is invalid.");
        }

        var body = Value("Body");
        if (string.IsNullOrEmpty(body) && Value("MediaUrl") is null && Value("ContentSid") is null)
        {
            return Fail(400, 21602, "Message body is required.");
        }

        if (body is { Length: > 1600 })
        {
            return Fail(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }

        if (Value("ValidityPeriod") is { } validity
            && !(int.TryParse(validity, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 36_000))
        {
            return Fail(400, 21624, "Invalid validity period value");
        }

        if (Value("StatusCallback") is { } callback
            && !(Uri.TryCreate(callback, UriKind.Absolute, out var callbackUri) && callbackUri.Scheme is "http" or "https"))
        {
            return Fail(400, 21609, "Invalid StatusCallback");
        }

        return (FakeTwilioReply.Created, null);

        static (FakeTwilioReply, string?) Fail(int status, int code, string message) => (new FakeTwilioReply(status, code, message), message);
    }

    private bool Authorized(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var (user, secret) = (decoded[..colon], decoded[(colon + 1)..]);
        return (user == AccountSid && secret == AuthToken)
            || (ApiKeySid is not null && user == ApiKeySid && secret == ApiKeySecret);
    }

    /// <summary>Strict application/x-www-form-urlencoded: '+' is a space, %XX are UTF-8 bytes; anything malformed is null.</summary>
    private static List<KeyValuePair<string, string>>? ParseForm(string raw)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (raw.Length == 0)
        {
            return fields;
        }

        foreach (var pair in raw.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return null;
            }

            var name = Decode(pair[..eq]);
            var value = Decode(pair[(eq + 1)..]);
            if (name is null || value is null)
            {
                return null;
            }

            fields.Add(new(name, value));
        }

        return fields;
    }

    private static string? Decode(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%')
            {
                if (i + 2 >= encoded.Length || !byte.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return null;
                }

                bytes.Add(b);
                i += 2;
            }
            else if (c > 0x7F || c is ' ' or '&' or '=')
            {
                // Raw non-ASCII, spaces and delimiters never appear in a correctly encoded form.
                return null;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static async Task WriteCreatedAsync(HttpContext context, string sid, string messageSid, List<KeyValuePair<string, string>> form)
    {
        string? Value(string name) => form.FirstOrDefault(f => f.Key == name).Value;
        var service = Value("MessagingServiceSid");
        var body = Value("Body") ?? string.Empty;
        var now = TimeProvider.System.GetUtcNow().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        var uri = $"/2010-04-01/Accounts/{sid}/Messages/{messageSid}.json";

        // Shape of a create response (https://www.twilio.com/docs/messaging/api/message-resource#message-properties):
        // with a Messaging Service the status is "accepted" and num_segments "0" until a sender is chosen.
        var json = new JsonObject
        {
            ["account_sid"] = sid,
            ["api_version"] = "2010-04-01",
            ["body"] = body,
            ["date_created"] = now,
            ["date_sent"] = null,
            ["date_updated"] = now,
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = service is null ? Value("From") : null,
            ["messaging_service_sid"] = service,
            ["num_media"] = "0",
            ["num_segments"] = service is null ? CountSegments(body).ToString(CultureInfo.InvariantCulture) : "0",
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = messageSid,
            ["status"] = service is null ? "queued" : "accepted",
            ["subresource_uris"] = new JsonObject { ["media"] = $"/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media.json" },
            ["to"] = Value("To"),
            ["uri"] = uri,
        };

        context.Response.StatusCode = 201;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, int code, string message, TimeSpan? retryAfter)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var json = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = status,
        };
        await context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
    }

    private Task NotFoundAsync(HttpContext context)
    {
        lock (gate)
        {
            requests.Add(new FakeTwilioRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.ContentType,
                context.Request.Headers.Authorization.FirstOrDefault(), string.Empty, [], 404, 20404, null));
        }

        return WriteErrorAsync(context, 404, 20404, $"The requested resource {context.Request.Path} was not found", null);
    }

    /// <summary>
    /// An independent, simpler count than the product's (ASCII-only GSM-7), so the two cross-check: 160/153 septets with the
    /// escaped characters counted twice, or 70/67 UTF-16 units.
    /// </summary>
    private static int CountSegments(string body)
    {
        const string escaped = "^{}\\[]~|";
        var gsm = body.All(c => c is '\n' or '\r' || (c >= ' ' && c <= '~' && c != '`'));
        var units = gsm ? body.Sum(c => escaped.Contains(c, StringComparison.Ordinal) ? 2 : 1) : body.Length;
        var (single, multi) = gsm ? (160, 153) : (70, 67);
        return units <= single ? 1 : (units + multi - 1) / multi;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex MessagingService();
}
