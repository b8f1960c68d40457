using Hotline.Sms.Tests.Support;
using Hotline.Sms.Twilio;
using Hotline.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Hotline.Sms.Tests.Twilio;

/// <summary>Our validator (public URL, failing closed) over the Twilio SDK's RequestValidator.</summary>
public sealed class TwilioRequestValidatorTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    private readonly LogCollector logs = new();

    [Fact]
    public void A_webhook_signed_for_the_public_url_is_valid_behind_the_functions_host()
    {
        var validator = Validator(new Uri("https://hotline.example.cn"));
        var form = InboundForm("查询 K7M3QX9P");
        var signature = TwilioWebhookSigner.Sign(Token, "https://hotline.example.cn/api/sms/inbound?tenant=a%20b", Flatten(form));

        var context = Request("/api/sms/inbound?tenant=a%20b", form, signature);

        Assert.Equal("https://hotline.example.cn/api/sms/inbound?tenant=a%20b", validator.PublicUrl(context.Request));
        Assert.True(validator.IsValid(context.Request, context.Request.Form));
    }

    [Fact]
    public void Without_a_public_base_url_the_request_scheme_and_host_are_used()
    {
        var validator = Validator(null);
        var form = InboundForm("HELP");
        var signature = TwilioWebhookSigner.Sign(Token, "http://127.0.0.1:7071/api/sms/inbound", Flatten(form));

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
    public void The_sdk_accepts_twilios_published_vectors_and_rejects_the_negative_one()
    {
        var validator = Validator(null, TwilioWebhookSignerTests.Token);

        Assert.True(validator.IsValid(TwilioWebhookSignerTests.DocsUrl, TwilioWebhookSignerTests.CSharpTestParams, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.True(validator.IsValid(TwilioWebhookSignerTests.DocsUrl, TwilioWebhookSignerTests.DocsParams, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
        Assert.True(validator.IsValid(TwilioWebhookSignerTests.DocsUrl, TwilioWebhookSignerTests.SmsParams("Ahoy!"), "3LL3BFKOcn80artVM5inMPFpmtU="));
        Assert.False(validator.IsValid(TwilioWebhookSignerTests.DocsUrl, TwilioWebhookSignerTests.CSharpTestParams, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void The_sdk_accepts_what_the_tests_signer_signs_for_any_form()
    {
        var validator = Validator(null);
        var random = new Random(12351);
        for (var i = 0; i < 50; i++)
        {
            var fields = Enumerable.Range(0, random.Next(0, 12))
                .Select(n => new KeyValuePair<string, string>($"F{n}{(char)random.Next('A', 'z')}", new string((char)random.Next(0x20, 0x9FFF), random.Next(0, 8))))
                .ToList();
            var url = $"https://hotline.example.cn/api/sms/inbound?n={i}";
            Assert.True(validator.IsValid(url, fields, TwilioWebhookSigner.Sign(Token, url, fields)), $"form {i}");
        }
    }

    [Fact]
    public void Twilio_signing_with_a_port_where_we_see_none_or_without_one_where_we_see_one_is_accepted()
    {
        // The SDK tries the URL as given and a variant: without the port when it has one (other than the scheme's
        // default, which System.Uri hides), else with the default port. So WebhookBaseUrl is best set without ":443".
        var validator = Validator(null, TwilioWebhookSignerTests.Token);
        var signedWithDefaultPort = TwilioWebhookSigner.Sign(TwilioWebhookSignerTests.Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", TwilioWebhookSignerTests.DocsParams);

        Assert.True(validator.IsValid(TwilioWebhookSignerTests.DocsUrl, TwilioWebhookSignerTests.DocsParams, signedWithDefaultPort));
        Assert.True(validator.IsValid("https://mycompany.com:8443/myapp.php?foo=1&bar=2", TwilioWebhookSignerTests.DocsParams, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    }

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=3")]
    [InlineData("https://mycompany.com/myapp.php?bar=2&foo=1")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php")]
    [InlineData("https://evil.example/myapp.php?foo=1&bar=2")]
    public void Another_url_is_rejected(string url) =>
        Assert.False(Validator(null, TwilioWebhookSignerTests.Token).IsValid(url, TwilioWebhookSignerTests.DocsParams, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));

    [Fact]
    public void An_added_or_changed_field_is_rejected()
    {
        var validator = Validator(null, TwilioWebhookSignerTests.Token);
        var changed = TwilioWebhookSignerTests.DocsParams.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "9999") : p);

        Assert.False(validator.IsValid(TwilioWebhookSignerTests.DocsUrl, [.. TwilioWebhookSignerTests.DocsParams, new("Body", "STOP")], "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
        Assert.False(validator.IsValid(TwilioWebhookSignerTests.DocsUrl, changed, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    }

    [Fact]
    public void The_query_is_checked_as_sent_not_decoded()
    {
        var validator = Validator(null, TwilioWebhookSignerTests.Token);
        var signature = TwilioWebhookSigner.Sign(TwilioWebhookSignerTests.Token, "https://example.com/api/sms/inbound?tenant=a%20b", TwilioWebhookSignerTests.DocsParams);

        Assert.False(validator.IsValid("https://example.com/api/sms/inbound?tenant=a b", TwilioWebhookSignerTests.DocsParams, signature));
        Assert.True(validator.IsValid("https://example.com/api/sms/inbound?tenant=a%20b", TwilioWebhookSignerTests.DocsParams, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ")]
    [InlineData("0/kctr6dlpkmkaf8muzzqo1ndgq=")]
    public void Missing_empty_truncated_or_recased_signatures_are_rejected_without_throwing(string? signature) =>
        Assert.False(Validator(null, TwilioWebhookSignerTests.Token).IsValid(TwilioWebhookSignerTests.DocsUrl, TwilioWebhookSignerTests.DocsParams, signature));

    [Fact]
    public void A_field_sent_twice_is_rejected()
    {
        // Twilio sends each name once and the SDK signs one value per name: a second value is not Twilio's request.
        var validator = Validator(null, TwilioWebhookSignerTests.Token);
        KeyValuePair<string, string>[] fields = [.. TwilioWebhookSignerTests.DocsParams, new("Digits", "9999")];

        Assert.False(validator.IsValid(TwilioWebhookSignerTests.DocsUrl, fields, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
        Assert.Contains(logs.Entries, e => e.Message.Contains("Digits sent twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_auth_token_nothing_is_valid()
    {
        var validator = new TwilioRequestValidator(Options.Create(new TwilioOptions()), Logger());
        var form = InboundForm("HELP");
        var signature = TwilioWebhookSigner.Sign(Token, "http://127.0.0.1:7071/api/sms/inbound", Flatten(form));

        Assert.False(validator.IsValid(Request("/api/sms/inbound", form, signature).Request, new FormCollection(form)));
    }

    private TwilioRequestValidator Validator(Uri? webhookBaseUrl, string token = Token) =>
        new(Options.Create(new TwilioOptions { AuthToken = token, WebhookBaseUrl = webhookBaseUrl }), Logger());

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
            request.Headers[TwilioRequestValidator.SignatureHeader] = signature;
        }

        return context;
    }
}
