using Hotline.Cases;

namespace Hotline.Officers;

/// <summary>One open case on an officer's list.</summary>
public sealed record OfficerTask(
    string TicketId,
    string Status,
    string Category,
    string Priority,
    string? Region,
    string Summary,
    DateTimeOffset? AcknowledgementDueAt,
    DateTimeOffset? ResolutionDueAt,
    DateTimeOffset ReceivedAt)
{
    private const int SummaryLength = 80;

    public static OfficerTask Of(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.TicketId, record.Status, record.Category, record.Priority, record.Region, Summarise(record.Description),
            record.AcknowledgementDueAt, record.ResolutionDueAt, record.ReceivedAt);
    }

    /// <summary>The start of the description on one line; a list is for choosing a case, not reading it.</summary>
    private static string Summarise(string description)
    {
        var line = string.Join(' ', description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= SummaryLength)
        {
            return line;
        }

        // Never split a surrogate pair (an emoji or a rare CJK character) at the cut.
        var cut = char.IsHighSurrogate(line[SummaryLength - 1]) ? SummaryLength - 1 : SummaryLength;
        return string.Concat(line.AsSpan(0, cut), "…");
    }
}
