namespace Hotline.Sms;

/// <summary>Error codes the senders report themselves, next to the provider's numeric codes.</summary>
public static class SmsErrorCodes
{
    /// <summary>The message failed local checks (bad number, empty or oversized body) and was not sent.</summary>
    public const string InvalidMessage = "invalid-message";

    /// <summary>No answer in time from the provider, after the request went out: the outcome is unknown.</summary>
    public const string Timeout = "timeout";

    /// <summary>The provider could not be reached: the request never went out.</summary>
    public const string ConnectionFailed = "connection-failed";

    /// <summary>The connection failed after the request went out (or the answer could not be read): the outcome is unknown.</summary>
    public const string ConnectionLost = "connection-lost";

    /// <summary>An earlier send of the key stopped without recording an outcome (its process died): the outcome is unknown.</summary>
    public const string ClaimExpired = "claim-expired";

    /// <summary>
    /// Every send of the key had an unknown outcome and the provider, asked after each, never had the message: given up
    /// after <see cref="Ledger.DeduplicatingSmsSender.MaxResends"/> sends again, so a provider whose lookup misses its own
    /// messages cannot send a text over and over.
    /// </summary>
    public const string NotConfirmed = "not-confirmed";

    /// <summary>The provider could not be asked whether it took a message (its list answered an error, or nothing).</summary>
    public const string LookupFailed = "lookup-failed";

    /// <summary>Another send of the same message key is in flight.</summary>
    public const string InFlight = "in-flight";

    /// <summary>The same text went to the same phone within the same-text window: not sent (<see cref="SmsSendStatus.Suppressed"/>).</summary>
    public const string SameText = "same-text";
}
