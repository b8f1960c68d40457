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
/// 201 and Twilio's JSON, or the next scripted <see cref="FakeTwilioReply"/>. Every request is recorded, and every
/// message created is kept (<see cref="Messages"/>) and listed, as Twilio lists them, by
/// GET /2010-04-01/Accounts/{sid}/Messages.json (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources):
/// the same auth, the filters the SDK sends (To, From, DateSent, DateSent&lt;, DateSent&gt;), newest first, paged
/// with PageSize, Page and PageToken in Twilio's list JSON. Those lookups are recorded apart (<see cref="Lookups"/>).
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
    private readonly List<FakeTwilioRequest> lookups = [];
    private readonly List<FakeTwilioServerMessage> messages = [];
    private readonly Queue<FakeTwilioReply> script = new();
    private readonly Queue<FakeTwilioReply> lookupScript = new();
    private readonly Dictionary<string, FakeTwilioReply> refusals = new(StringComparer.Ordinal);
    private Random? failureRandom;
    private int failurePercent;
    private int randomDraws;
    private int randomFailures;
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

    /// <summary>
    /// The clock that stamps date_created (and date_sent) on the messages it creates, and so what the list's date
    /// filters compare with: set it to the app's clock when the app's clock is moved.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every message list request (GET) received, in order; <see cref="FakeTwilioRequest.Form"/> holds its query.</summary>
    public IReadOnlyList<FakeTwilioRequest> Lookups
    {
        get
        {
            lock (gate)
            {
                return [.. lookups];
            }
        }
    }

    /// <summary>Every message created, in order: the texts Twilio would deliver, whether or not the client learnt of them.</summary>
    public IReadOnlyList<FakeTwilioServerMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>Every request received but the message lists (<see cref="Lookups"/>), in order.</summary>
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

    /// <summary>The requests whose message was created (answered 201, or taken and the answer lost): the messages Twilio would have sent.</summary>
    public IReadOnlyList<FakeTwilioRequest> Sent => [.. Requests.Where(r => r.MessageSid is not null)];

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
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", server.ListMessagesAsync);
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

    /// <summary>Scripts the answers to the next well-formed message list requests, in order; after them, the list.</summary>
    public void EnqueueLookup(params FakeTwilioReply[] replies)
    {
        lock (gate)
        {
            foreach (var reply in replies)
            {
                lookupScript.Enqueue(reply);
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
            (randomDraws, randomFailures) = (0, 0);
            failures = failing;
        }
    }

    /// <summary>How many requests <see cref="FailRandomly"/> drew for, and how many of them it failed: the rate a run actually got.</summary>
    public (int Draws, int Failed) RandomFailures
    {
        get
        {
            lock (gate)
            {
                return (randomDraws, randomFailures);
            }
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
                    : failureRandom is not null ? Draw(failureRandom)
                    : FakeTwilioReply.Created;
            }
        }

        var messageSid = reply.StatusCode == 201 ? "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : null;
        var createdAtOnce = messageSid is not null && (reply.Delay == TimeSpan.Zero || reply.CreateBeforeDelay);
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
                createdAtOnce ? messageSid : null));
            if (createdAtOnce)
            {
                messages.Add(NewMessage(index, messageSid!, form!));
            }
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
                    if (messageSid is not null && !createdAtOnce)
                    {
                        messages.Add(NewMessage(index, messageSid, form!));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The client gave up first: record it as nginx's 499 "client closed request"; the message stays only if
                // it was created before the wait.
                lock (gate)
                {
                    requests[index] = requests[index] with { ResponseStatus = ClientClosedRequest, MessageSid = createdAtOnce ? messageSid : null };
                }

                return;
            }
        }

        if (messageSid is not null)
        {
            FakeTwilioServerMessage created;
            lock (gate)
            {
                created = messages.Single(m => m.Sid == messageSid);
            }

            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(MessageJson(created, "queued").ToJsonString(), context.RequestAborted);
        }
        else
        {
            await WriteErrorAsync(context, reply.StatusCode, reply.ErrorCode ?? 20000, (problem ?? reply.Message ?? "Error").Replace("{To}", To(), StringComparison.Ordinal), reply.RetryAfter);
        }
    }

    /// <summary>Called under the gate.</summary>
    private FakeTwilioReply Draw(Random random)
    {
        randomDraws++;
        if (random.Next(100) >= failurePercent)
        {
            return FakeTwilioReply.Created;
        }

        randomFailures++;
        return failures[random.Next(failures.Length)];
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

    private FakeTwilioServerMessage NewMessage(int index, string messageSid, List<KeyValuePair<string, string>> form)
    {
        string? Value(string name) => form.FirstOrDefault(f => f.Key == name).Value;
        var now = Clock.GetUtcNow();
        var service = Value("MessagingServiceSid");
        return new FakeTwilioServerMessage(
            index,
            messageSid,
            Value("To")!,
            service is null ? Value("From") : null,
            service,
            Value("Body") ?? string.Empty,
            new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    /// <summary>
    /// A message as Twilio shows it (https://www.twilio.com/docs/messaging/api/message-resource#message-properties):
    /// "queued" in the create answer (with a Messaging Service "accepted", and num_segments "0" until a sender is chosen);
    /// in a list, "sent" with its date_sent, since this server delivers at once.
    /// </summary>
    private JsonObject MessageJson(FakeTwilioServerMessage message, string status)
    {
        var created = Rfc2822(message.DateCreated);
        var service = message.MessagingServiceSid;
        var listed = status == "sent";
        return new JsonObject
        {
            ["account_sid"] = AccountSid,
            ["api_version"] = "2010-04-01",
            ["body"] = message.Body,
            ["date_created"] = created,
            ["date_sent"] = listed ? created : null,
            ["date_updated"] = created,
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = message.From,
            ["messaging_service_sid"] = service,
            ["num_media"] = "0",
            ["num_segments"] = service is null || listed ? CountSegments(message.Body).ToString(CultureInfo.InvariantCulture) : "0",
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = message.Sid,
            ["status"] = service is null || listed ? status : "accepted",
            ["subresource_uris"] = new JsonObject { ["media"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{message.Sid}/Media.json" },
            ["to"] = message.To,
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{message.Sid}.json",
        };
    }

    private static string Rfc2822(DateTimeOffset value) =>
        value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private async Task ListMessagesAsync(HttpContext context, string sid)
    {
        var request = context.Request;
        var query = request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
        string? Value(string name) => query.FirstOrDefault(f => f.Key == name).Value;

        var (reply, problem) = CheckList(request, sid, Value);
        if (problem is null)
        {
            lock (gate)
            {
                reply = lookupScript.Count > 0 ? lookupScript.Dequeue() : FakeTwilioReply.Created;
            }
        }

        lock (gate)
        {
            lookups.Add(new FakeTwilioRequest(request.Method, request.Path + request.QueryString, null, request.Headers.Authorization.FirstOrDefault(),
                string.Empty, query, reply.StatusCode == 201 ? 200 : reply.StatusCode, reply.ErrorCode, null));
        }

        if (reply.DropConnection)
        {
            context.Abort();
            return;
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (reply.StatusCode != 201)
        {
            await WriteErrorAsync(context, reply.StatusCode, reply.ErrorCode ?? 20000, problem ?? reply.Message ?? "Error", reply.RetryAfter);
            return;
        }

        var pageSize = Value("PageSize") is { } size ? int.Parse(size, CultureInfo.InvariantCulture) : 50;
        var pageNumber = Value("Page") is { } number ? int.Parse(number, CultureInfo.InvariantCulture) : 0;
        List<FakeTwilioServerMessage> matching;
        lock (gate)
        {
            matching = [.. messages.Where(m => Matches(m, Value)).OrderByDescending(m => m.DateCreated).ThenByDescending(m => m.Index)];
        }

        var page = matching.Skip(pageNumber * pageSize).Take(pageSize).ToList();
        var filters = string.Join('&', query.Where(q => q.Key is not ("PageSize" or "Page" or "PageToken"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        string PageUri(int n, string? token) =>
            $"/2010-04-01/Accounts/{sid}/Messages.json?{(filters.Length > 0 ? filters + "&" : string.Empty)}PageSize={pageSize}&Page={n}"
            + (token is null ? string.Empty : $"&PageToken={token}");
        var hasNext = (pageNumber + 1) * pageSize < matching.Count;

        // Twilio's v2010 list page (the SDK reads "uri", "page_size", "next_page_uri" and the records under "messages").
        var json = new JsonObject
        {
            ["end"] = (pageNumber * pageSize) + Math.Max(page.Count - 1, 0),
            ["first_page_uri"] = PageUri(0, null),
            ["messages"] = new JsonArray([.. page.Select(m => (JsonNode)MessageJson(m, "sent"))]),
            ["next_page_uri"] = hasNext ? PageUri(pageNumber + 1, "PA" + page[^1].Sid) : null,
            ["page"] = pageNumber,
            ["page_size"] = pageSize,
            ["previous_page_uri"] = pageNumber > 0 ? PageUri(pageNumber - 1, "PB" + page.FirstOrDefault()?.Sid) : null,
            ["start"] = pageNumber * pageSize,
            ["uri"] = PageUri(pageNumber, Value("PageToken")),
        };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
    }

    /// <summary>Credentials, then the account, then the filters: Twilio's order. Returns the reply for a bad request, or no problem.</summary>
    private (FakeTwilioReply Reply, string? Problem) CheckList(HttpRequest request, string sid, Func<string, string?> value)
    {
        if (!Authorized(request.Headers.Authorization.FirstOrDefault()))
        {
            return Fail(401, 20003, "Authenticate");
        }

        if (!string.Equals(sid, AccountSid, StringComparison.Ordinal))
        {
            return Fail(404, 20404, $"The requested resource /2010-04-01/Accounts/{sid}/Messages.json was not found");
        }

        foreach (var name in new[] { "DateSent", "DateSent<", "DateSent>" })
        {
            if (value(name) is { } date && ParseDate(date) is null)
            {
                return Fail(400, 20001, $"Invalid value for {name}: '{date}' (FakeTwilioServer accepts YYYY-MM-DD and YYYY-MM-DDThh:mm:ssZ)");
            }
        }

        if (value("PageSize") is { } size && !(int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000))
        {
            return Fail(400, 20001, "PageSize must be between 1 and 1000");
        }

        if (value("Page") is { } page && !int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Fail(400, 20001, "Page must be a whole number");
        }

        return (FakeTwilioReply.Created, null);

        static (FakeTwilioReply, string?) Fail(int status, int code, string message) => (new FakeTwilioReply(status, code, message), message);
    }

    /// <summary>To and From exactly; the date filters on date_sent (this server sends at once, so date_created), a bare date meaning its whole day.</summary>
    private static bool Matches(FakeTwilioServerMessage message, Func<string, string?> value)
    {
        if (value("To") is { } to && to != message.To)
        {
            return false;
        }

        if (value("From") is { } from && from != message.From)
        {
            return false;
        }

        if (value("DateSent") is { } on)
        {
            var (start, dayOnly) = ParseDate(on)!.Value;
            return dayOnly ? message.DateCreated.UtcDateTime.Date == start.UtcDateTime.Date : message.DateCreated == start;
        }

        if (value("DateSent<") is { } before)
        {
            var (end, dayOnly) = ParseDate(before)!.Value;
            if (dayOnly ? message.DateCreated.UtcDateTime.Date > end.UtcDateTime.Date : message.DateCreated > end)
            {
                return false;
            }
        }

        if (value("DateSent>") is { } after)
        {
            var (start, _) = ParseDate(after)!.Value;
            if (message.DateCreated < start)
            {
                return false;
            }
        }

        return true;
    }

    private static (DateTimeOffset Value, bool DayOnly)? ParseDate(string text) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? (instant, false)
        : DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day) ? (day, true)
        : null;

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
