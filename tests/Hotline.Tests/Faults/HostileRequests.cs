using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline.Testing;
using Hotline.Tests.SmsInbound;

namespace Hotline.Tests.Faults;

/// <summary>
/// Generates malformed, oversized, wrongly typed and hostile requests for every public endpoint from one seed: each
/// generator starts from a request the endpoint would accept and breaks it (drops, retypes or poisons fields, cuts or
/// corrupts the body, swaps the media type, forges the key or token), so most are refused and a few are valid by chance.
/// </summary>
public sealed class HostileRequests(Random random, HostileRequests.Known known)
{
    /// <summary>What the generators may use to get past the first check: real tickets, tokens, keys.</summary>
    public sealed record Known(IReadOnlyList<string> TicketIds, IReadOnlyDictionary<string, string> OfficerTokens, string Open311ApiKey);

    private static readonly string[] Poison =
    [
        "", " ", "\t\r\n", "null", "undefined", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR '1'='1' --",
        "PartitionKey eq 'x' or true", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "\0", "a\0b", "\uFEFF",
        "\u202Eevil", "𠜎𠜱𠝹𠱓", "👷‍♀️💸", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "\r\nSet-Cookie: x=1", "13900001234",
        "+8613900001234", "1e309", "-1", "0", "2147483648", "-9223372036854775809", "NaN", "true", "[]", "{}", "ÿþ",
        "\uD800", "\\u0000", "%00", "%ZZ", "=&=&=", "工资", new string('x', 300), new string('字', 5000), new string('9', 70),
    ];

    private static readonly string[] Categories = ["wage_arrears", "labor_contract", "social_insurance", "work_injury", "other", "WAGE_ARREARS", "nope"];

    private int _number;

    /// <summary>The generators, by endpoint, and how many requests each makes in a run.</summary>
    public IEnumerable<FuzzRequest> Generate(int perEndpoint)
    {
        var generators = new (string Name, Func<FuzzRequest> Make)[]
        {
            ("SubmitCase json", SubmitJson),
            ("SubmitCase json raw", SubmitJsonRaw),
            ("SubmitCase form", SubmitForm),
            ("GetCaseStatus", CaseStatus),
            ("WebForm", WebFormPage),
            ("WebFormAssets", Asset),
            ("GetRegions", Regions),
            ("ReceiveSms unsigned", () => TwilioUnsigned("/api/sms/inbound")),
            ("ReceiveSms signed", InboundSigned),
            ("SmsStatusCallback unsigned", () => TwilioUnsigned("/api/sms/status")),
            ("SmsStatusCallback signed", StatusSigned),
            ("GetOfficerTasks", OfficerTasks),
            ("Officer case actions", OfficerAction),
            ("GetCaseHistory", OfficerHistory),
            ("Admin officer tokens", AdminTokens),
            ("Admin case history", AdminHistory),
            ("ReplaceDirectory", ReplaceDirectory),
            ("Open311 discovery/services", Open311Services),
            ("Open311 GET requests", Open311Requests),
            ("Open311 POST requests", Open311Post),
        };
        foreach (var (name, make) in generators)
        {
            for (var i = 0; i < perEndpoint; i++)
            {
                yield return make() with { Endpoint = name };
            }
        }
    }

    private FuzzRequest New(HttpMethod method, string path, byte[]? body = null, string? contentType = null) =>
        new(++_number, "", method, path, body, contentType);

    /// <summary>A header carries printable ASCII only (the client refuses anything else before it is sent).</summary>
    private static string HeaderSafe(string value)
    {
        var ascii = new string([.. value.Where(c => c is >= ' ' and <= '~')]);
        return ascii.Length == 0 ? "x" : ascii;
    }

    private string Sid() => "SM" + Convert.ToHexString(Bytes(16)).ToLowerInvariant();

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private string Pick(params string[] values) => values[random.Next(values.Length)];

    private bool Chance(int percent) => random.Next(100) < percent;

    private string PoisonString() => Poison[random.Next(Poison.Length)];

    private string Segment() => Chance(30) ? PoisonString() : Pick(known.TicketIds.Count > 0 ? known.TicketIds[random.Next(known.TicketIds.Count)] : "ABCDEFGH", "ABCDEFGH", "abcdefgh", "ABCDEFG", "ABCDEFGHJ", "0000OOOO", "city", "east-h1", "x");

    /// <summary>A route segment, percent-escaped so the URL stays one the client can send.</summary>
    private static string Escaped(string segment) => Uri.EscapeDataString(segment.Length == 0 ? " " : segment);

    /// <summary>A JSON value of a random type: text (poisoned or not), number, boolean, null, array, object.</summary>
    private JsonNode? AnyValue(string? plausible) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 100_000)),
        3 => JsonValue.Create(random.NextDouble() * 1e300),
        4 => new JsonArray(JsonValue.Create(plausible ?? "x"), JsonValue.Create(1)),
        5 => new JsonObject { ["value"] = plausible ?? "x", ["$type"] = "System.Object" },
        6 or 7 => JsonValue.Create(PoisonString()),
        _ => plausible is null ? null : JsonValue.Create(plausible),
    };

    /// <summary>Each field kept, dropped, retyped or poisoned; sometimes extra fields.</summary>
    private JsonObject Mutate(IReadOnlyDictionary<string, JsonNode?> valid)
    {
        var o = new JsonObject();
        foreach (var (name, value) in valid)
        {
            var roll = random.Next(10);
            if (roll < 5)
            {
                o[name] = value?.DeepClone();
            }
            else if (roll < 9)
            {
                o[name] = AnyValue(value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null);
            }
        }

        if (Chance(15))
        {
            o[PoisonString()] = AnyValue("x");
        }

        return o;
    }

    private static Dictionary<string, JsonNode?> ValidSubmission() => new()
    {
        ["description"] = "工地老板拖欠我们三个月工资，一直不给",
        ["phone"] = "13900004321",
        ["name"] = "张伟",
        ["region"] = "650102",
        ["category"] = "wage_arrears",
        ["employer"] = "某建筑公司",
        ["affectedCount"] = 3,
        ["language"] = "zh-CN",
        ["consent"] = true,
    };

    private byte[] Corrupt(byte[] body) => random.Next(7) switch
    {
        0 => body[..random.Next(body.Length)],
        1 => [.. body, .. Encoding.UTF8.GetBytes(Pick("}", "]]]", ",", "garbage", "\0", "{\"a\":"))],
        2 => [0xEF, 0xBB, 0xBF, .. body],
        3 => [.. body.Take(body.Length / 2), 0xFF, 0xFE, 0xC3, .. body.Skip(body.Length / 2)],
        4 => Encoding.UTF8.GetBytes(new string('[', 3000) + new string(']', 3000)),
        5 => Encoding.UTF8.GetBytes("{\"description\":\"" + new string('工', 12_000) + "\"}"),
        _ => Encoding.UTF8.GetBytes(PoisonString()),
    };

    private string JsonMedia() => Pick("application/json", "application/json; charset=utf-8", "application/problem+json", "text/json", "application/json; charset=latin1", "text/plain", "application/xml", "multipart/form-data; boundary=x", "");

    private List<KeyValuePair<string, string>> Headers()
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (Chance(30))
        {
            headers.Add(new("Idempotency-Key", Chance(20) ? new string('k', 201 + random.Next(100)) : Chance(50) ? "fuzz-" + random.Next(20) : HeaderSafe(PoisonString())));
        }

        if (Chance(20))
        {
            headers.Add(new("Accept", Pick("text/html", "application/json", "*/*", "text/html;q=0.1, application/json", "x/y")));
        }

        if (Chance(10))
        {
            headers.Add(new("Accept-Language", Pick("en", "zh-CN", "xx", HeaderSafe(PoisonString()))));
        }

        return headers;
    }

    private FuzzRequest SubmitJson()
    {
        var body = Encoding.UTF8.GetBytes(Mutate(ValidSubmission()).ToJsonString());
        return New(HttpMethod.Post, "/api/submissions", body, Chance(85) ? "application/json" : JsonMedia()) with { Headers = Headers() };
    }

    private FuzzRequest SubmitJsonRaw()
    {
        var valid = Encoding.UTF8.GetBytes(new JsonObject(ValidSubmission().Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone()))).ToJsonString());
        var body = Chance(5) ? Encoding.UTF8.GetBytes(new string(' ', 40_000)) : Corrupt(valid);
        return New(HttpMethod.Post, "/api/submissions", Chance(5) ? null : body, JsonMedia()) with { Headers = Headers() };
    }

    private string Form(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join("&", fields.Select(f => Chance(3) ? f.Key + "=" + f.Value : Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    private List<KeyValuePair<string, string>> MutateForm(IEnumerable<KeyValuePair<string, string>> valid)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in valid)
        {
            var roll = random.Next(10);
            if (roll < 5)
            {
                fields.Add(new(name, value));
            }
            else if (roll < 9)
            {
                fields.Add(new(name, PoisonString()));
            }
            else if (roll < 10)
            {
                fields.Add(new(name, value));
                fields.Add(new(name, PoisonString()));
            }
        }

        if (Chance(10))
        {
            fields.Add(new(PoisonString(), "1"));
        }

        return fields;
    }

    private FuzzRequest SubmitForm()
    {
        var valid = new Dictionary<string, string>
        {
            ["description"] = "厂里拖欠两个月工资", ["phone"] = "13900004322", ["region"] = "650102", ["category"] = Pick(Categories),
            ["affectedCount"] = "2", ["language"] = Pick("zh-CN", "en"), ["consent"] = Pick("on", "true", "yes", "1"),
        };
        var text = Chance(10) ? Pick("%%%&&&===", "description", "=", "&&&&", new string('a', 40_000)) : Form(MutateForm(valid));
        var body = Chance(5) ? [.. Encoding.UTF8.GetBytes(text), 0xFF] : Encoding.UTF8.GetBytes(text);
        var headers = Headers();
        if (Chance(50))
        {
            headers.Add(new("Accept", "text/html,application/xhtml+xml"));
        }

        return New(HttpMethod.Post, "/api/submissions", body, Chance(90) ? "application/x-www-form-urlencoded" : Pick("application/x-www-form-urlencoded; charset=iso-8859-1", "multipart/form-data", "text/plain")) with { Headers = headers };
    }

    private FuzzRequest CaseStatus()
    {
        var code = Chance(20) ? "" : "?code=" + Uri.EscapeDataString(Chance(50) ? PoisonString() : Pick("ABC123", "abcdef", "0", new string('A', 500)));
        return New(HttpMethod.Get, "/api/submissions/" + Escaped(Segment()) + code);
    }

    private FuzzRequest WebFormPage()
    {
        var page = Pick("", "status", "STATUS", "index", "api", "favicon.ico", "robots.txt", Escaped(PoisonString()));
        var query = Pick("", "?lang=en", "?lang=zh-CN", "?lang=" + Uri.EscapeDataString(PoisonString()), "?ticket=" + Uri.EscapeDataString(Segment()) + "&code=" + Uri.EscapeDataString(PoisonString()), "?lang=en&lang=fr");
        return New(HttpMethod.Get, "/" + page + query);
    }

    private FuzzRequest Asset() =>
        New(HttpMethod.Get, "/assets/" + Pick("form.css", "form.css?v=1", "FORM.CSS", "form.js", "x/../form.css", Escaped("../../host.json"), Escaped(PoisonString()), "%2e%2e/%2e%2e/Hotline.dll"));

    private FuzzRequest Regions() =>
        New(HttpMethod.Get, "/api/regions" + Pick("", "?lang=en", "?parent=" + Uri.EscapeDataString(PoisonString()), "?" + new string('a', 2000)));

    private FuzzRequest TwilioUnsigned(string path)
    {
        var fields = TwilioWebhook.InboundFields(Sid(), "+86139" + random.Next(10_000_000, 99_999_999), PoisonString());
        var body = Encoding.UTF8.GetBytes(Form(MutateForm(fields)));
        var headers = new List<KeyValuePair<string, string>>();
        if (Chance(70))
        {
            headers.Add(new(TwilioWebhookSigner.HeaderName, Chance(50) ? Convert.ToBase64String(Bytes(20)) : HeaderSafe(PoisonString())));
        }

        return New(HttpMethod.Post, path, body, Chance(90) ? "application/x-www-form-urlencoded" : JsonMedia()) with { Headers = headers };
    }

    /// <summary>A form signed over exactly what is sent, so the hostile content gets past the signature to the handler.</summary>
    private FuzzRequest Signed(string path, List<KeyValuePair<string, string>> fields)
    {
        // The signature is over each name once; a repeated name is not what Twilio sends.
        var distinct = fields.GroupBy(f => f.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var body = Encoding.UTF8.GetBytes(string.Join("&", distinct.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))));
        var signature = TwilioWebhookSigner.Sign(TwilioWebhook.AuthToken, TwilioWebhook.BaseUrl + path, distinct);
        return New(HttpMethod.Post, path, body, "application/x-www-form-urlencoded") with { Headers = [new(TwilioWebhookSigner.HeaderName, signature)] };
    }

    private FuzzRequest InboundSigned()
    {
        var sid = Chance(80) ? Sid() : PoisonString();
        var from = Chance(60) ? "+86139" + random.Next(10_000_000, 99_999_999) : PoisonString();
        var body = Pick("查询", "STATUS", "帮助", "HELP", "收到", "ACK", "办结", "待办", "TODO", "1", "5", "9", "退订", "START", "东县", "老板拖欠工资 东县", "查询 " + Segment(), PoisonString(), new string('工', 2000));
        var fields = TwilioWebhook.InboundFields(sid, from, body);
        return Signed("/api/sms/inbound", Chance(70) ? fields : MutateForm(fields));
    }

    private FuzzRequest StatusSigned()
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("MessageSid", Chance(70) ? Sid() : PoisonString()),
            new("MessageStatus", Pick("queued", "sent", "delivered", "undelivered", "failed", "read", "DELIVERED", PoisonString())),
            new("ErrorCode", Pick("", "30003", "21610", "21211", "abc", "-1", new string('9', 40), PoisonString())),
            new("To", Chance(50) ? "+86139" + random.Next(10_000_000, 99_999_999) : PoisonString()),
        ];
        return Signed("/api/sms/status", Chance(60) ? fields : MutateForm(fields));
    }

    private string? Bearer()
    {
        if (Chance(70) && known.OfficerTokens.Count > 0)
        {
            return known.OfficerTokens.Values.ElementAt(random.Next(known.OfficerTokens.Count));
        }

        return Chance(50) ? null : HeaderSafe(PoisonString()) + "x";
    }

    private FuzzRequest OfficerTasks() =>
        New(HttpMethod.Get, $"/api/officers/{Escaped(Chance(50) ? Pick([.. known.OfficerTokens.Keys, "nobody"]) : PoisonString())}/tasks{Pick("", "?top=5", "?top=-1", "?continuation=" + Uri.EscapeDataString(PoisonString()))}")
            with { Bearer = Bearer(), WithMasterKey = Chance(90) };

    private FuzzRequest OfficerAction()
    {
        var action = Pick("acknowledge", "resolve", "complexity", "transfer", "ACKNOWLEDGE", "reopen");
        var valid = new Dictionary<string, JsonNode?> { ["note"] = "已处理", ["level"] = Pick("difficult", "very_complex"), ["reason"] = "涉及多方", ["unitId"] = Pick("city", "east", "west") };
        var body = Chance(80) ? Encoding.UTF8.GetBytes(Mutate(valid).ToJsonString()) : Corrupt(Encoding.UTF8.GetBytes("{\"note\":\"x\"}"));
        return New(HttpMethod.Post, $"/api/cases/{Escaped(Segment())}/{action}", Chance(5) ? null : body, Chance(85) ? "application/json" : JsonMedia())
            with { Bearer = Bearer(), WithMasterKey = Chance(90) };
    }

    private FuzzRequest OfficerHistory() =>
        New(HttpMethod.Get, $"/api/cases/{Escaped(Segment())}/history") with { Bearer = Bearer(), WithMasterKey = Chance(90) };

    private FuzzRequest AdminTokens()
    {
        var officer = Escaped(Chance(20) ? Pick("city-h1", "east-head") : PoisonString());
        return random.Next(3) switch
        {
            0 => New(HttpMethod.Post, $"/api/admin/officers/{officer}/tokens", Chance(50) ? Corrupt(Encoding.UTF8.GetBytes("{}")) : null, Chance(50) ? JsonMedia() : null) with { WithMasterKey = Chance(80) },
            1 => New(HttpMethod.Get, $"/api/admin/officers/{officer}/tokens") with { WithMasterKey = Chance(80) },
            _ => New(HttpMethod.Delete, $"/api/admin/officers/{officer}/tokens/{Escaped(PoisonString())}") with { WithMasterKey = Chance(80) },
        };
    }

    private FuzzRequest AdminHistory() =>
        New(HttpMethod.Get, $"/api/admin/cases/{Escaped(Segment())}/history") with { WithMasterKey = Chance(80) };

    private FuzzRequest ReplaceDirectory()
    {
        // Broken by construction: a directory with a unit whose parent does not exist, or worse; never a valid one.
        var unit = new JsonObject { ["id"] = AnyValue("ghost"), ["name"] = AnyValue("幽灵"), ["parent"] = "no-such-unit-" + random.Next(), ["regions"] = AnyValue("650199"), ["kind"] = AnyValue("county") };
        var document = new JsonObject { ["units"] = new JsonArray(unit), ["officers"] = AnyValue("x"), ["rules"] = AnyValue(null) };
        var body = Chance(70) ? Encoding.UTF8.GetBytes(document.ToJsonString()) : Corrupt(Encoding.UTF8.GetBytes(document.ToJsonString()));
        return New(HttpMethod.Put, "/api/admin/directory", Chance(3) ? Encoding.UTF8.GetBytes(new string(' ', 2_000_000)) : body, Chance(85) ? "application/json" : JsonMedia()) with { WithMasterKey = Chance(80) };
    }

    private string Format() => Pick("json", "xml", "json", "xml", "JSON", "html", "", Escaped(PoisonString()));

    private FuzzRequest Open311Services() => random.Next(3) switch
    {
        0 => New(HttpMethod.Get, $"/api/open311/v2/discovery.{Format()}"),
        1 => New(HttpMethod.Get, $"/api/open311/v2/services.{Format()}{Pick("", "?lang=en", "?lang=" + Uri.EscapeDataString(PoisonString()), "?jurisdiction_id=" + Uri.EscapeDataString(PoisonString()))}"),
        _ => New(HttpMethod.Get, $"/api/open311/v2/services/{Escaped(Chance(50) ? Pick(Categories) : PoisonString())}.{Format()}"),
    };

    private FuzzRequest Open311Requests()
    {
        if (Chance(40))
        {
            return New(HttpMethod.Get, $"/api/open311/v2/requests/{Escaped(Segment())}.{Format()}");
        }

        var filters = new List<string>();
        foreach (var name in new[] { "service_request_id", "service_code", "start_date", "end_date", "status" })
        {
            if (Chance(40))
            {
                var value = name switch
                {
                    "start_date" or "end_date" => Pick("2026-11-01T00:00:00Z", "2026-11-23T10:00:00+08:00", "2020-01-01T00:00:00Z", "2026-13-45", "yesterday", PoisonString()),
                    "status" => Pick("open", "closed", "OPEN", "open,closed", PoisonString()),
                    "service_code" => Pick([.. Categories, PoisonString()]),
                    _ => Chance(50) ? string.Join(",", Enumerable.Range(0, random.Next(1, 60)).Select(_ => Segment())) : PoisonString(),
                };
                filters.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        return New(HttpMethod.Get, $"/api/open311/v2/requests.{Format()}" + (filters.Count == 0 ? "" : "?" + string.Join("&", filters)));
    }

    private FuzzRequest Open311Post()
    {
        var valid = new Dictionary<string, string>
        {
            ["api_key"] = Chance(60) ? known.Open311ApiKey : PoisonString(),
            ["service_code"] = Pick(Categories),
            ["description"] = "工地老板拖欠我们三个月工资",
            ["address_string"] = Pick("650102", "东县某工地", "650199"),
            ["lat"] = Pick("35.37", "91", "abc"),
            ["long"] = Pick("103.86", "-181", ""),
            ["phone"] = "13900004323",
            ["first_name"] = "伟",
            ["last_name"] = "张",
        };
        var text = Chance(8) ? Pick("%%%&&&===", "api_key", new string('a', 40_000)) : Form(MutateForm(valid));
        return New(HttpMethod.Post, $"/api/open311/v2/requests.{Format()}", Encoding.UTF8.GetBytes(text), Chance(90) ? "application/x-www-form-urlencoded" : JsonMedia())
            with { Headers = Chance(20) ? [new("Idempotency-Key", "o311-" + random.Next(10))] : [] };
    }
}
