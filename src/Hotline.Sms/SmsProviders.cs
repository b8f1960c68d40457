namespace Hotline.Sms;

/// <summary>Values of <see cref="SmsOptions.Provider"/>.</summary>
public static class SmsProviders
{
    /// <summary>Local default: record and print, send nothing.</summary>
    public const string Outbox = "Outbox";

    public const string Twilio = "Twilio";
}
