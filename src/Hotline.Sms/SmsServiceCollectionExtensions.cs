using Azure.Data.Tables;
using Hotline.Sms.Ledger;
using Hotline.Sms.Outbox;
using Hotline.Sms.Phones;
using Hotline.Sms.SameText;
using Hotline.Sms.Templates;
using Hotline.Sms.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline.Sms;

public static class SmsServiceCollectionExtensions
{
    /// <summary>
    /// Development-only phone hash key for the outbox provider; the Twilio provider requires a real secret.
    /// </summary>
    internal const string DevelopmentPhoneHashKey = "hotline-local-development-phone-hash";

    /// <summary>
    /// Registers the SMS feature: <see cref="SmsOptions"/> ("Hotline:Sms") and <see cref="TwilioOptions"/>
    /// ("Hotline:Sms:Twilio"), validated at start; <see cref="SmsComposer"/>, <see cref="PhoneHash"/>,
    /// <see cref="TwilioRequestValidator"/>, the Twilio SDK's client on the IHttpClientFactory client named
    /// <see cref="TwilioSmsSender.HttpClientName"/>, and the <see cref="ISmsSender"/> chosen by
    /// <see cref="SmsOptions.Provider"/>: the outbox, or Twilio behind the de-duplicating ledger (which asks Twilio, as
    /// <see cref="ISentSmsLookup"/>, about sends of unknown outcome), each behind the
    /// same-text rule (<see cref="SameTextSmsSender"/>), and <see cref="SameTextExpiry"/> for the rule's expired rows. They store in
    /// <see cref="SmsTables"/>, on the <see cref="TableServiceClient"/> the app registers (the one
    /// storage registration; this feature makes no connection of its own). Whoever registers that client also
    /// creates the tables.
    /// </summary>
    public static IServiceCollection AddHotlineSms(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.SectionName)).ValidateOnStart();
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsOptions>, SmsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>(
            _ => new TwilioOptionsValidator(configuration.GetSection(SmsOptions.SectionName)[nameof(SmsOptions.Provider)] ?? SmsProviders.Outbox)));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SmsComposer(SmsTemplateCatalog.Default, sp.GetRequiredService<IOptions<SmsOptions>>().Value.SegmentBudget));
        services.TryAddSingleton(sp => new PhoneHash(sp.GetRequiredService<IOptions<SmsOptions>>().Value.PhoneHashKey ?? DevelopmentPhoneHashKey));
        services.TryAddSingleton<TwilioRequestValidator>();
        // A factory, so a container without storage (the Twilio sender on its own) still validates.
        services.TryAddSingleton(sp => new SmsTables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<SmsOptions>>()));
        services.TryAddSingleton<SameTextExpiry>();

        services.AddHttpClient(TwilioSmsSender.HttpClientName)
            // The SDK takes no cancellation token: this timeout is what bounds a send (past it, the outcome is unknown).
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestTimeout)
            // The sender lives in a singleton: let the handler recycle connections itself (DNS changes) instead of
            // relying on the factory's handler rotation, which a captured client never sees
            // (https://learn.microsoft.com/dotnet/fundamentals/networking/http/httpclient-guidelines#recommended-use).
            // No redirects, as the SDK's own default client: a redirected POST could be sent twice.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TwilioOptions>>();
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(TwilioSmsSender.HttpClientName);
            return new TwilioSmsSender(TwilioSmsSender.CreateClient(options.Value, http), options, sp.GetRequiredService<ILogger<TwilioSmsSender>>());
        });

        services.TryAddSingleton<ISmsSender>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SmsOptions>>().Value;
            var tables = sp.GetRequiredService<SmsTables>();
            var time = sp.GetRequiredService<TimeProvider>();
            var phoneHash = sp.GetRequiredService<PhoneHash>();

            // The same-text rule sits right before the provider: behind the ledger, so a retried key is answered from
            // the ledger before it could meet its own earlier claim, and so the ledger records a suppression by key.
            SameTextSmsSender SameText(ISmsSender provider) => new(
                provider,
                tables.Recent,
                phoneHash,
                options.SameTextWindow,
                time,
                sp.GetRequiredService<ILogger<SameTextSmsSender>>());

            return options.Provider == SmsProviders.Twilio
                ? new DeduplicatingSmsSender(
                    SameText(sp.GetRequiredService<TwilioSmsSender>()),
                    sp.GetRequiredService<TwilioSmsSender>(),
                    tables.Ledger,
                    phoneHash,
                    options.LedgerClaimTimeout,
                    options.UnknownOutcomeCheckAfter,
                    time,
                    sp.GetRequiredService<ILogger<DeduplicatingSmsSender>>())
                : SameText(new OutboxSmsSender(
                    tables.Outbox,
                    phoneHash,
                    time,
                    sp.GetRequiredService<ILogger<OutboxSmsSender>>()));
        });

        return services;
    }
}
