using Hotline.Sms.Outbox;
using Hotline.Sms.Phones;
using Hotline.Sms.Templates;
using Hotline.Sms.Twilio;
using Hotline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline.Sms.Tests;

public sealed class SmsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task The_twilio_provider_without_its_settings_stops_the_host_at_start()
    {
        using var host = Host(new() { ["Hotline:Sms:Provider"] = "Twilio" });

        // One OptionsValidationException per invalid options type, aggregated when there are several.
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        var failures = (ex is AggregateException many ? many.InnerExceptions : [ex]).Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains("Hotline:Sms:PhoneHashKey is required with the Twilio provider.", failures);
        Assert.Contains("Hotline:Sms:Twilio:AccountSid is required with the Twilio provider.", failures);
        Assert.Contains("Hotline:Sms:Twilio:AuthToken is required with the Twilio provider.", failures);
    }

    [Fact]
    public void Every_missing_twilio_setting_is_named()
    {
        using var services = Services(new() { ["Hotline:Sms:Provider"] = "Twilio", ["Hotline:Sms:PhoneHashKey"] = "0123456789abcdef0123" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TwilioOptions>>().Value);
        Assert.Contains(ex.Failures, f => f.Contains("AccountSid is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("AuthToken is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("From or MessagingServiceSid", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_settings_are_refused_with_every_problem_listed()
    {
        using var services = Services(new()
        {
            ["Hotline:Sms:Provider"] = "Sms",
            ["Hotline:Sms:SegmentBudget"] = "0",
            ["Hotline:Sms:OutboxTable"] = "sms-outbox",
            ["Hotline:Sms:Twilio:AccountSid"] = "AC123",
            ["Hotline:Sms:Twilio:ApiKeySid"] = "SK" + "0123456789abcdef" + "0123456789abcdef",
            ["Hotline:Sms:Twilio:ValidityPeriodSeconds"] = "40000",
            ["Hotline:Sms:Twilio:RequestTimeout"] = "00:05:00",
        });

        var sms = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmsOptions>>().Value);
        Assert.Equal(3, sms.Failures.Count());

        var twilio = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TwilioOptions>>().Value);
        Assert.Equal(4, twilio.Failures.Count());
    }

    [Fact]
    public async Task Defaults_start_with_the_outbox_and_need_no_twilio_settings()
    {
        using var host = Host([]);
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<SmsOptions>>().Value;
        Assert.Equal("Outbox", options.Provider);
        Assert.Equal(3, options.SegmentBudget);
        Assert.Equal("smsoutbox", options.OutboxTable);
        Assert.Equal(TimeSpan.FromSeconds(10), host.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestTimeout);
        Assert.Equal(3, host.Services.GetRequiredService<SmsComposer>().SegmentBudget);
        Assert.NotNull(host.Services.GetRequiredService<PhoneHash>());
        Assert.NotNull(host.Services.GetRequiredService<TwilioRequestValidator>());
        await host.StopAsync();
    }

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("01:00:01")]
    public void An_unknown_outcome_check_sooner_than_a_minute_or_later_than_an_hour_is_refused(string checkAfter)
    {
        using var services = Services(new() { ["Hotline:Sms:UnknownOutcomeCheckAfter"] = checkAfter });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmsOptions>>().Value);
        Assert.Equal("Hotline:Sms:UnknownOutcomeCheckAfter must be between 00:01:00 and 01:00:00.", Assert.Single(ex.Failures));
    }

    [Fact]
    public void The_unknown_outcome_check_waits_two_minutes_unless_configured()
    {
        using var defaults = Services([]);
        using var configured = Services(new() { ["Hotline:Sms:UnknownOutcomeCheckAfter"] = "00:10:00" });

        Assert.Equal(TimeSpan.FromMinutes(2), defaults.GetRequiredService<IOptions<SmsOptions>>().Value.UnknownOutcomeCheckAfter);
        Assert.Equal(TimeSpan.FromMinutes(10), configured.GetRequiredService<IOptions<SmsOptions>>().Value.UnknownOutcomeCheckAfter);
    }

    [Fact]
    public void The_segment_budget_comes_from_configuration()
    {
        using var services = Services(new() { ["Hotline:Sms:SegmentBudget"] = "5" });
        Assert.Equal(5, services.GetRequiredService<SmsComposer>().SegmentBudget);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddHotlineSms(builder.Configuration);
        return builder.Build();
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHotlineSms(configuration);
        return services.BuildServiceProvider();
    }
}
