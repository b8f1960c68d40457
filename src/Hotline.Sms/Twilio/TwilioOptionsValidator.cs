using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Hotline.Sms.Twilio;

/// <summary>Checks the Twilio settings at start: complete when Twilio is the provider, well formed whenever set.</summary>
/// <param name="provider">
/// The configured <see cref="SmsOptions.Provider"/>, read as plain text so that invalid <see cref="SmsOptions"/> are
/// reported by their own validator rather than through this one.
/// </param>
internal sealed partial class TwilioOptionsValidator(string? provider) : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var required = provider == SmsProviders.Twilio;
        var problems = new List<string>();

        Check(options.AccountSid, "AccountSid", AccountSid(), "AC followed by 32 hex digits", required);
        Check(options.AuthToken, "AuthToken", null, null, required);
        Check(options.ApiKeySid, "ApiKeySid", ApiKeySid(), "SK followed by 32 hex digits", false);
        Check(options.MessagingServiceSid, "MessagingServiceSid", MessagingServiceSid(), "MG followed by 32 hex digits", false);

        if (string.IsNullOrEmpty(options.ApiKeySid) != string.IsNullOrEmpty(options.ApiKeySecret))
        {
            problems.Add("Hotline:Sms:Twilio:ApiKeySid and ApiKeySecret go together.");
        }

        if (required && string.IsNullOrEmpty(options.From) && string.IsNullOrEmpty(options.MessagingServiceSid))
        {
            problems.Add("Hotline:Sms:Twilio needs From or MessagingServiceSid.");
        }

        CheckUrl(options.StatusCallbackUrl, "StatusCallbackUrl");
        CheckUrl(options.WebhookBaseUrl, "WebhookBaseUrl");

        if (options.ApiBaseUrl is { } api && (!api.IsAbsoluteUri || !(api.Scheme == "https" || (api.Scheme == "http" && api.IsLoopback))))
        {
            problems.Add("Hotline:Sms:Twilio:ApiBaseUrl must be an absolute https URL (http only to a loopback address).");
        }

        if (options.ValidityPeriodSeconds is < 1 or > 36_000)
        {
            problems.Add("Hotline:Sms:Twilio:ValidityPeriodSeconds must be between 1 and 36000.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(1))
        {
            problems.Add("Hotline:Sms:Twilio:RequestTimeout must be more than 0 and at most 1 minute.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Check(string? value, string key, Regex? pattern, string? shape, bool isRequired)
        {
            if (string.IsNullOrEmpty(value))
            {
                if (isRequired)
                {
                    problems.Add($"Hotline:Sms:Twilio:{key} is required with the Twilio provider.");
                }
            }
            else if (pattern is not null && !pattern.IsMatch(value))
            {
                problems.Add($"Hotline:Sms:Twilio:{key} must be {shape}.");
            }
        }

        void CheckUrl(Uri? value, string key)
        {
            if (value is not null && (!value.IsAbsoluteUri || value.Scheme is not ("https" or "http")))
            {
                problems.Add($"Hotline:Sms:Twilio:{key} must be an absolute http(s) URL.");
            }
        }
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSid();

    [GeneratedRegex("^SK[0-9a-fA-F]{32}$")]
    private static partial Regex ApiKeySid();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex MessagingServiceSid();
}
