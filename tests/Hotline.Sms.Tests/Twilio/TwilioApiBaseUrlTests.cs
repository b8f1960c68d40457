using Hotline.Sms.Twilio;
using Hotline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotline.Sms.Tests.Twilio;

/// <summary>
/// Hotline:Sms:Twilio:ApiBaseUrl, what lets a whole local run (a worker process the tests cannot add a handler to)
/// send to the fake server: the SDK's requests go there, path and credentials as Twilio would get them.
/// </summary>
public sealed class TwilioApiBaseUrlTests : IAsyncLifetime
{
    private FakeTwilioServer twilio = null!;

    public async Task InitializeAsync() => twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync() => await twilio.DisposeAsync();

    [Fact]
    public async Task With_an_api_base_url_the_sdk_sends_to_that_server()
    {
        using var services = Services(twilio.BaseUrl.ToString());

        var result = await services.GetRequiredService<TwilioSmsSender>()
            .SendAsync(new OutgoingSms("case-received:K7M3QX", "+8613912345678", "case-received", "zh-CN", "工单号K7M3QX"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.Sent, result.Status);
        var sent = Assert.Single(twilio.Sent);
        Assert.Equal($"/2010-04-01/Accounts/{FakeTwilioServer.DefaultAccountSid}/Messages.json", sent.Path);
        Assert.Equal(sent.MessageSid, result.ProviderMessageId);
    }

    [Theory]
    [InlineData("http://example.com/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative")]
    public void A_plain_http_url_to_another_host_or_another_scheme_is_refused(string url)
    {
        using var services = Services(url);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TwilioOptions>>().Value);
        Assert.Contains(ex.Failures, f => f.Contains("ApiBaseUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("https://twilio-double.example/")]
    public void Https_anywhere_and_http_to_loopback_are_accepted(string url)
    {
        using var services = Services(url);

        Assert.Equal(new Uri(url), services.GetRequiredService<IOptions<TwilioOptions>>().Value.ApiBaseUrl);
    }

    private static ServiceProvider Services(string apiBaseUrl)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hotline:Sms:Provider"] = "Twilio",
            ["Hotline:Sms:PhoneHashKey"] = "test-phone-hash-key-0123456789",
            ["Hotline:Sms:Twilio:AccountSid"] = FakeTwilioServer.DefaultAccountSid,
            ["Hotline:Sms:Twilio:AuthToken"] = FakeTwilioServer.DefaultAuthToken,
            ["Hotline:Sms:Twilio:From"] = "+15005550006",
            ["Hotline:Sms:Twilio:ApiBaseUrl"] = apiBaseUrl,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHotlineSms(configuration);
        return services.BuildServiceProvider();
    }
}
