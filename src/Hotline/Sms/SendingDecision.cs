namespace Hotline.Sms;

/// <summary>What <see cref="SendingRules"/> makes of a text about to go out.</summary>
public enum SendingDecision
{
    Send,

    /// <summary>Its case condition no longer holds: never sent.</summary>
    Drop,

    /// <summary>Quiet hours: kept and sent when they end.</summary>
    Hold,
}
