using System.Net;
using System.Text.Json;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Sms;

public sealed class SendSmsFunctionTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite);

    private static string Request(string key, string template = "case-received") => JsonSerializer.Serialize(new
    {
        messageKey = key,
        ticketId = "K7M3QX2P",
        to = "+8613900001234",
        template,
        language = "zh-CN",
        args = new Dictionary<string, string>
        {
            ["ticketId"] = "K7M3QX2P",
            ["trackingCode"] = "ABC234",
            ["statusUrl"] = "http://127.0.0.1:7071/api/submissions/K7M3QX2P?code=ABC234",
        },
    });

    [Fact]
    public async Task A_text_delivered_twice_by_the_queue_is_sent_once()
    {
        using var client = _app.CreateClient();

        using var first = await client.PostAsync("/SendSms", Envelope.Queue(Request("K7M3QX2P:case-received")));
        using var second = await client.PostAsync("/SendSms", Envelope.Queue(Request("K7M3QX2P:case-received"), dequeueCount: 2));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var outbox = await OutboxRowsAsync();
        var row = Assert.Single(outbox);
        Assert.Contains("K7M3QX2P", row.GetString("Body"), StringComparison.Ordinal);
        Assert.Contains("ABC234", row.GetString("Body"), StringComparison.Ordinal);
        Assert.DoesNotContain("13900001234", string.Join("|", row.Select(p => p.Value?.ToString())), StringComparison.Ordinal);

        _app.AssertNoUnexpectedWarnings();
    }

    [Theory]
    [InlineData("""{"messageKey":"k","to":"+8613900001234","template":"no-such-template","language":"zh-CN","ticketId":"K7M3QX2P","args":{}}""")]
    [InlineData("""{"messageKey":"k","template":"case-received"}""")]
    [InlineData("""[]""")]
    public async Task A_text_that_cannot_be_composed_fails_the_invocation(string message)
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsync("/SendSms", Envelope.Queue(message));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await OutboxRowsAsync());
    }

    private async Task<List<Azure.Data.Tables.TableEntity>> OutboxRowsAsync()
    {
        var options = _app.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<Hotline.Sms.SmsOptions>)) as Microsoft.Extensions.Options.IOptions<Hotline.Sms.SmsOptions>;
        var table = _app.Storage.Sms.Outbox;
        await table.CreateIfNotExistsAsync();
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose() => _app.Dispose();
}
