namespace Hotline.Retention;

/// <summary>What a redaction run found: the personal data removed now, or why nothing was changed.</summary>
public enum RedactionOutcome
{
    Redacted,
    AlreadyRedacted,
    NoSuchCase,

    /// <summary>Open again (a reopened case) or never closed: its next close schedules a new redaction.</summary>
    NotClosed,

    /// <summary>Its period has not run out (the period was lengthened, or the row was of an earlier close): scheduled again for then.</summary>
    NotYetDue,
}
