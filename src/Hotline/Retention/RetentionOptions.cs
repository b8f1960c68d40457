using System.ComponentModel.DataAnnotations;

namespace Hotline.Retention;

/// <summary>How long a closed case keeps its personal data (SPEC "Bad input and faults": default 180 days).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Hotline:Retention";

    /// <summary>From the close (结案) to the redaction of phone, name, employer and free text.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan KeepClosedFor { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Redactions one run of the due-check loop hands out, so a backlog (the period shortened) drains in bursts.</summary>
    [Range(1, 10_000)]
    public int RedactionsPerMinute { get; set; } = 200;
}
