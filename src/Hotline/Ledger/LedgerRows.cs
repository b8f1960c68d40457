using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hotline.Cases;

namespace Hotline.Ledger;

/// <summary>A case as one ledger row: nothing personal, and of the text only a short, masked summary.</summary>
public static partial class LedgerRows
{
    /// <summary>Characters of the description a row shows: enough to tell cases apart in a list, too few to retell one.</summary>
    public const int SummaryLength = 20;

    public static LedgerRow From(CaseRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new LedgerRow
        {
            Ticket = record.TicketId,
            Received = Time(record.ReceivedAt)!,
            Channel = record.Channel,
            Category = record.Category,
            Priority = record.Priority,
            Region = record.Region,
            UnitId = record.UnitId,
            Unit = record.UnitName,
            Officer = record.OfficerId,
            Status = record.Status,
            Complexity = record.Complexity,
            Assigned = Time(record.AssignedAt),
            AcknowledgementDue = Time(record.AcknowledgementDueAt),
            Acknowledged = Time(record.AcknowledgedAt),
            AcknowledgedOnTime = Met(record.AcknowledgementDueAt, record.AcknowledgedAt, now),
            ResolutionDue = Time(record.ResolutionDueAt),
            Resolved = Time(record.ResolvedAt),
            ResolvedOnTime = Met(record.ResolutionDueAt, record.ResolvedAt, now),
            Closed = Time(record.ClosedAt),
            Rating = record.Rating,
            Rated = Time(record.RatedAt),
            ReopenCount = record.ReopenCount,
            TransferCount = record.TransferCount,
            MergedReports = record.MergedCount,
            Redacted = record.RedactedAt is null ? "否" : "是",
            Summary = record.RedactedAt is null ? Summary(record) : null,
        };
    }

    /// <summary>是 when done by the due time, 否 when done late or still not done after it, empty while it may still be met.</summary>
    public static string? Met(DateTimeOffset? due, DateTimeOffset? done, DateTimeOffset now) => (due, done) switch
    {
        (null, _) => null,
        ({ } d, { } at) => at <= d ? "是" : "否",
        ({ } d, null) => now > d ? "否" : null,
    };

    public static string? Time(DateTimeOffset? instant) =>
        instant is { } at ? ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// The start of the caller's first report (not what merges and SMS answers appended), on one line, with digit runs
    /// that could be a phone or an id number and the caller's given name masked.
    /// </summary>
    public static string? Summary(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = record.Description;
        var appended = text.IndexOf("\n\n【", StringComparison.Ordinal);
        if (appended >= 0)
        {
            text = text[..appended];
        }

        text = Whitespace().Replace(text, " ").Trim();
        if (record.Name is { Length: > 0 } name)
        {
            text = text.Replace(name.Trim(), "**", StringComparison.Ordinal);
        }

        text = Digits().Replace(text, m => new string('*', m.Length));
        if (text.Length == 0)
        {
            return null;
        }

        var elements = new StringInfo(text);
        return elements.LengthInTextElements <= SummaryLength ? text : new StringBuilder(elements.SubstringByTextElements(0, SummaryLength)).Append('…').ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Seven or more digits, spaces or dashes between them allowed: phones (landlines too), id numbers, bank cards; not sums of money.</summary>
    [GeneratedRegex(@"\d(?:[\s-]*\d){6,}")]
    private static partial Regex Digits();
}
