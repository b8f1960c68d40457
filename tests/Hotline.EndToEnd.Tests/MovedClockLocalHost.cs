namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The local run with its clock moved (starting at 10:00 China time on a known day, so no text meets the quiet hours
/// unless a test moves it there) and Twilio's webhook signature checked, so tests can text the hotline as Twilio
/// would and walk a case through days in seconds.
/// </summary>
public sealed class MovedClockLocalHost : LocalHostProcess
{
    public const string ClockStart = "2026-12-02T10:00:00+08:00";

    public const string TwilioAuthToken = "e2e-twilio-auth-token";

    protected override void AddSettings(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment["Hotline__Clock__StartAt"] = ClockStart;

        // The quiet hours as shipped: this clock keeps to the day, where the usual fixture moves them off the wall clock.
        environment["Hotline__Sms__QuietHours__Start"] = "22:00:00";
        environment["Hotline__Sms__QuietHours__End"] = "08:00:00";
        environment["Hotline__Sms__Twilio__AuthToken"] = TwilioAuthToken;
        environment["Hotline__Sms__Twilio__WebhookBaseUrl"] = BaseAddress.ToString().TrimEnd('/');
    }
}
