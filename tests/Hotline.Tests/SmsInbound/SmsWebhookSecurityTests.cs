using System.Net;
using System.Text;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using static Hotline.Tests.SmsInbound.TwilioWebhook;

namespace Hotline.Tests.SmsInbound;

public sealed class SmsWebhookSecurityTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = App(azurite);

    [Theory]
    [InlineData("/api/sms/inbound", null)]
    [InlineData("/api/sms/inbound", "")]
    [InlineData("/api/sms/inbound", "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("/api/sms/status", null)]
    [InlineData("/api/sms/status", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public async Task A_webhook_without_a_valid_signature_is_refused_and_changes_nothing(string path, string? signature)
    {
        using var client = _app.CreateClient();

        using var response = await PostAsync(client, path, InboundFields(NewSid(), NewCallerPhone(), "老板拖欠工资"), sign: false, signature: signature);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await _app.Storage.SmsOutbound.PeekJsonAsync());
        await foreach (var row in _app.Storage.SmsInbound.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.Fail($"Recorded {row.PartitionKey}");
        }

        _app.AssertNoUnexpectedWarnings("Twilio webhook rejected");
    }

    [Fact]
    public async Task A_signature_for_another_url_is_refused()
    {
        using var client = _app.CreateClient();
        var fields = InboundFields(NewSid(), NewCallerPhone(), "老板拖欠工资");
        var signature = TwilioWebhookSigner.Sign(AuthToken, "https://elsewhere.example.org/api/sms/inbound", fields);

        using var response = await PostAsync(client, "/api/sms/inbound", fields, sign: false, signature: signature);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        _app.AssertNoUnexpectedWarnings("Twilio webhook rejected");
    }

    [Fact]
    public async Task Signed_webhooks_that_are_no_inbound_text_get_400()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();

        using var noSid = await PostAsync(client, "/api/sms/inbound", [new("From", phone), new("Body", "hi")]);
        using var badSid = await PostAsync(client, "/api/sms/inbound", [new("MessageSid", "SM../../x"), new("From", phone), new("Body", "hi")]);
        using var noPhone = await PostAsync(client, "/api/sms/inbound", [new("MessageSid", NewSid()), new("From", "not a phone"), new("Body", "hi")]);
        using var noStatusSid = await PostAsync(client, "/api/sms/status", [new("MessageStatus", "sent")]);

        Assert.All([noSid, badSid, noPhone, noStatusSid], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task Malformed_wrongly_typed_and_oversized_bodies_get_a_4xx_never_a_5xx()
    {
        using var client = _app.CreateClient();

        using var json = await client.PostAsync("/api/sms/inbound", new StringContent("""{"Body":"hi"}""", Encoding.UTF8, "application/json"));
        using var notUtf8 = await client.PostAsync("/api/sms/inbound", new ByteArrayContent([0x42, 0x6f, 0x64, 0x79, 0x3d, 0xff, 0xfe]) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } });
        using var tooLarge = await client.PostAsync("/api/sms/inbound", RawForm("Body=" + new string('x', 70_000)));
        using var tooMany = await client.PostAsync("/api/sms/inbound", RawForm(string.Join("&", Enumerable.Range(0, 500).Select(i => $"f{i}=1"))));
        using var garbage = await client.PostAsync("/api/sms/status", RawForm("%%%&&&==="));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, garbage.StatusCode);
        _app.AssertNoUnexpectedWarnings("Twilio webhook rejected");
    }

    [Fact]
    public async Task Markup_in_a_text_never_reaches_the_TwiML_unescaped()
    {
        using var client = _app.CreateClient();

        using var response = await TextAsync(client, NewCallerPhone(), "查询 <b>&\"x</b>");

        var reply = await ReplyAsync(response);
        Assert.Contains("未找到工单bx", reply, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
