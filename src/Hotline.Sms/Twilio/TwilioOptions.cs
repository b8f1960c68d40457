namespace Hotline.Sms.Twilio;

/// <summary>Configuration section "Hotline:Sms:Twilio". Secrets come from Key Vault references in Azure, never from files.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Hotline:Sms:Twilio";

    /// <summary>"AC…" account SID: the account the REST API acts on and, without an API key, the Basic-auth user.</summary>
    public string? AccountSid { get; set; }

    /// <summary>
    /// The account's auth token. Twilio signs every webhook with it (X-Twilio-Signature), so it is needed even
    /// when the REST API is called with an API key.
    /// </summary>
    public string? AuthToken { get; set; }

    /// <summary>Optional "SK…" API key used for the REST API instead of the auth token (https://www.twilio.com/docs/iam/api-keys).</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary>Sender number (E.164) or alphanumeric sender ID; this or <see cref="MessagingServiceSid"/>.</summary>
    public string? From { get; set; }

    /// <summary>"MG…" Messaging Service SID; preferred over <see cref="From"/> when both are set.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Public URL of the delivery status webhook (e.g. https://…/api/sms/status); none when unset.</summary>
    public Uri? StatusCallbackUrl { get; set; }

    /// <summary>
    /// The public base URL Twilio calls (e.g. https://hotline.azurewebsites.net). Webhook signatures cover the URL as
    /// Twilio saw it, which behind Functions, Front Door or a proxy differs from the one the app sees.
    /// </summary>
    public Uri? WebhookBaseUrl { get; set; }

    /// <summary>Seconds Twilio may queue a message before giving up, 1–36,000 (https://www.twilio.com/docs/messaging/api/message-resource); Twilio's default when unset.</summary>
    public int? ValidityPeriodSeconds { get; set; }

    /// <summary>
    /// Time allowed for the one call to Twilio (the HttpClient's timeout: the SDK takes no cancellation token). Past
    /// it the outcome is unknown (Twilio is asked about it after Hotline:Sms:UnknownOutcomeCheckAfter); keep it well
    /// under Hotline:Sms:LedgerClaimTimeout.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal bool UsesApiKey => !string.IsNullOrEmpty(ApiKeySid);
}
