using System.Net;
using Hotline.SmsInbound;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hotline.Tests.SmsInbound.TwilioWebhook;

namespace Hotline.Tests.SmsInbound;

public sealed class SmsStatusCallbackTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = App(azurite);

    private static List<KeyValuePair<string, string>> Callback(string sid, string status, string to, string? errorCode = null)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("MessageSid", sid), new("SmsSid", sid), new("MessageStatus", status), new("SmsStatus", status),
            new("AccountSid", "AC" + new string('0', 32)), new("From", HotlineNumber), new("To", to), new("ApiVersion", "2010-04-01"),
        ];
        if (errorCode is not null)
        {
            fields.Add(new("ErrorCode", errorCode));
        }

        return fields;
    }

    private async Task<string?> StoredStatusAsync(string sid) =>
        (await _app.Storage.SmsDelivery.FindAsync(sid, "status"))?.GetString("Status");

    [Fact]
    public async Task A_delivery_status_only_moves_forward()
    {
        using var client = _app.CreateClient();
        var sid = NewSid();
        var phone = NewCallerPhone();

        using var sent = await PostAsync(client, "/api/sms/status", Callback(sid, "sent", phone));
        using var delivered = await PostAsync(client, "/api/sms/status", Callback(sid, "delivered", phone));
        using var late = await PostAsync(client, "/api/sms/status", Callback(sid, "sending", phone));
        using var inbound = await PostAsync(client, "/api/sms/status", Callback(NewSid(), "received", phone));

        Assert.All([sent, delivered, late, inbound], r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal("delivered", await StoredStatusAsync(sid));
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task Twilio_refusing_an_opted_out_phone_puts_it_on_the_opt_out_list()
    {
        using var client = _app.CreateClient();
        var sid = NewSid();
        var phone = NewCallerPhone();

        using var failed = await PostAsync(client, "/api/sms/status", Callback(sid, "failed", phone, "21610"));

        Assert.Equal(HttpStatusCode.NoContent, failed.StatusCode);
        Assert.Equal("failed", await StoredStatusAsync(sid));
        Assert.Equal("21610", (await _app.Storage.SmsDelivery.FindAsync(sid, "status"))?.GetString("ErrorCode"));
        Assert.True(await _app.Services.GetRequiredService<OptOutList>().IsOptedOutAsync(phone, default));
    }

    public void Dispose() => _app.Dispose();
}
