namespace Hotline.Sms;

/// <summary>Error codes the senders report themselves, next to the provider's numeric codes.</summary>
public static class SmsErrorCodes
{
    /// <summary>The message failed local checks (bad number, empty or oversized body) and was not sent.</summary>
    public const string InvalidMessage = "invalid-message";

    /// <summary>No answer in time from the provider.</summary>
    public const string Timeout = "timeout";

    /// <summary>The provider could not be reached.</summary>
    public const string ConnectionFailed = "connection-failed";

    /// <summary>Another send of the same message key is in flight.</summary>
    public const string InFlight = "in-flight";
}
