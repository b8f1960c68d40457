namespace Hotline.Sms;

/// <summary>Configuration section "Hotline:Sms".</summary>
public sealed class SmsOptions
{
    public const string SectionName = "Hotline:Sms";
    public const int MaxSegmentBudget = 10;

    /// <summary>"Outbox" (record and print, the local default) or "Twilio".</summary>
    public string Provider { get; set; } = SmsProviders.Outbox;

    /// <summary>
    /// Most segments one text may take; longer texts have their free-text parameters shortened. Twilio
    /// recommends at most 320 characters (https://www.twilio.com/docs/glossary/what-sms-character-limit):
    /// 3 segments is 201 Chinese characters.
    /// </summary>
    public int SegmentBudget { get; set; } = 3;

    /// <summary>Table where the outbox provider records each message.</summary>
    public string OutboxTable { get; set; } = "smsoutbox";

    /// <summary>Table where the Twilio provider records each message key, so a retried send is not sent twice.</summary>
    public string LedgerTable { get; set; } = "smsledger";

    /// <summary>Table of the texts each phone got recently, by day, keyed phone hash and body hash (the same-text rule).</summary>
    public string RecentTable { get; set; } = "smsrecent";

    /// <summary>
    /// A text identical to one the same phone got less than this long ago is not sent (SPEC "Follow-up": no two
    /// messages to one phone in 24 h have the same text).
    /// </summary>
    public TimeSpan SameTextWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A "sending" ledger entry older than this is taken to be a send that died mid-way (its outcome is unknown); a
    /// younger one is a concurrent send of the same key, answered with RetryLater.
    /// </summary>
    public TimeSpan LedgerClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long after a send of unknown outcome (a time-out, a connection lost, a sender that died) the provider is
    /// asked whether it created the message, before the text may be sent again: long enough that a request the provider
    /// was still working on when we gave up has been created (1 min – 1 h; Twilio's request timeout is at most 1 min).
    /// </summary>
    public TimeSpan UnknownOutcomeCheckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Secret key (at least 16 characters) for <see cref="Phones.PhoneHash"/>. Required with the Twilio provider;
    /// the outbox falls back to a fixed development key.
    /// </summary>
    public string? PhoneHashKey { get; set; }
}
