using Hotline.Sms.Tests.Support;
using Hotline.Sms.Twilio;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Hotline.Sms.Tests.Twilio;

public sealed class TwilioRequestValidatorTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    private readonly LogCollector logs = new();

    [Fact]
    public void A_webhook_signed_for_the_public_url_is_valid_behind_the_functions_host()
    {
        var validator = Validator(new Uri("https://hotline.example.cn"));
        var form = InboundForm("查询 K7M3QX9P");
        var signature = TwilioSignature.Compute(Token, "https://hotline.example.cn/api/sms/inbound?tenant=a%20b", Flatten(form));

        var context = Request("/api/sms/inbound?tenant=a%20b", form, signature);

        Assert.Equal("https://hotline.example.cn/api/sms/inbound?tenant=a%20b", validator.PublicUrl(context.Request));
        Assert.True(validator.IsValid(context.Request, context.Request.Form));
    }

    [Fact]
    public void Without_a_public_base_url_the_request_scheme_and_host_are_used()
    {
        var validator = Validator(null);
        var form = InboundForm("HELP");
        var signature = TwilioSignature.Compute(Token, "http://127.0.0.1:7071/api/sms/inbound", Flatten(form));

        Assert.True(validator.IsValid(Request("/api/sms/inbound", form, signature).Request, new FormCollection(form)));
    }

    [Fact]
    public void A_forged_or_missing_signature_is_invalid_and_logged_without_the_body()
    {
        var validator = Validator(new Uri("https://hotline.example.cn"));
        var form = InboundForm("我的工资被拖欠了三个月");

        Assert.False(validator.IsValid(Request("/api/sms/inbound", form, "forged=").Request, new FormCollection(form)));
        Assert.False(validator.IsValid(Request("/api/sms/inbound", form, null).Request, new FormCollection(form)));
        Assert.Equal(2, logs.Entries.Count(e => e.Level == LogLevel.Warning));
        Assert.DoesNotContain("工资", logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_auth_token_nothing_is_valid()
    {
        var validator = new TwilioRequestValidator(Options.Create(new TwilioOptions()), Logger());
        var form = InboundForm("HELP");
        var signature = TwilioSignature.Compute(Token, "http://127.0.0.1:7071/api/sms/inbound", Flatten(form));

        Assert.False(validator.IsValid(Request("/api/sms/inbound", form, signature).Request, new FormCollection(form)));
    }

    private TwilioRequestValidator Validator(Uri? webhookBaseUrl) =>
        new(Options.Create(new TwilioOptions { AuthToken = Token, WebhookBaseUrl = webhookBaseUrl }), Logger());

    private Logger<TwilioRequestValidator> Logger() => new Logger<TwilioRequestValidator>(new LoggerFactory([logs]));

    private static Dictionary<string, StringValues> InboundForm(string body) => new()
    {
        ["MessageSid"] = "SM0123456789abcdef0123456789abcdef",
        ["AccountSid"] = "AC" + "0123456789abcdef" + "0123456789abcdef",
        ["From"] = "+8613912345678",
        ["To"] = "+15005550006",
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    private static IEnumerable<KeyValuePair<string, string>> Flatten(Dictionary<string, StringValues> form) =>
        form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v!)));

    /// <summary>A request as the custom handler sees it: plain http on the local port the Functions host forwards to.</summary>
    private static DefaultHttpContext Request(string rawTarget, Dictionary<string, StringValues> form, string? signature)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = "http";
        request.Host = new HostString("127.0.0.1", 7071);
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        request.Path = Uri.UnescapeDataString(query < 0 ? rawTarget : rawTarget[..query]);
        request.QueryString = query < 0 ? QueryString.Empty : new QueryString(rawTarget[query..]);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        request.ContentType = "application/x-www-form-urlencoded";
        request.Form = new FormCollection(form);
        if (signature is not null)
        {
            request.Headers[TwilioSignature.HeaderName] = signature;
        }

        return context;
    }
}
