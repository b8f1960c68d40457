namespace Hotline.SmsInbound;

/// <summary>
/// Reads the command words of inbound texts ("查询 K7M3QX9P", "ACK k7m3-qx9p", "办结K7M3QX9P 已发放"): a word at the start,
/// in any case; a Latin word must be followed by a space or the end, a Chinese one may run into what follows.
/// </summary>
public static class SmsCommand
{
    public static IReadOnlyList<string> Status { get; } = ["查询", "STATUS"];
    public static IReadOnlyList<string> Acknowledge { get; } = ["收到", "ACK"];
    public static IReadOnlyList<string> Resolve { get; } = ["办结", "DONE"];
    public static IReadOnlyList<string> Tasks { get; } = ["待办", "TODO"];

    /// <summary>True when <paramref name="body"/> starts with one of <paramref name="words"/>; <paramref name="rest"/> is what follows, trimmed.</summary>
    public static bool TryMatch(string body, IReadOnlyList<string> words, out string rest)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(words);
        var text = body.Trim();
        foreach (var word in words)
        {
            if (!text.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var latin = char.IsAsciiLetter(word[0]);
            if (latin && text.Length > word.Length && !char.IsWhiteSpace(text[word.Length]))
            {
                continue;
            }

            rest = text[word.Length..].Trim().TrimStart(':', '：').Trim();
            return true;
        }

        rest = "";
        return false;
    }

    /// <summary>Splits "K7M3QX9P note…" (or "K7M3QX9P" run into the note) into the ticket id and the rest.</summary>
    public static (string? TicketId, string Remainder) SplitTicket(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]))
        {
            end++;
        }

        var token = trimmed[..end];
        if (Cases.TicketId.Normalize(token) is { } whole)
        {
            return (whole, trimmed[end..].Trim());
        }

        // "K7M3QX9P已发放": the id runs straight into a Chinese note.
        if (trimmed.Length > Cases.TicketId.Length && Cases.TicketId.Normalize(trimmed[..Cases.TicketId.Length]) is { } prefix)
        {
            return (prefix, trimmed[Cases.TicketId.Length..].Trim());
        }

        return (null, trimmed);
    }

    /// <summary>What a caller typed where a ticket id belonged, reduced to letters and digits for a reply that quotes it.</summary>
    public static string Quote(string text) =>
        new([.. (text ?? "").Where(char.IsAsciiLetterOrDigit).Take(Cases.TicketId.Length + 4)]);
}
