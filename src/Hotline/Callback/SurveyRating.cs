namespace Hotline.Callback;

/// <summary>
/// A text that is only a rating: one digit 1–5, half- or full-width (a Chinese keyboard types １–５), or the
/// numerals 一…五, with any spaces around it (the inbound body is already trimmed of ASCII and ideographic spaces).
/// </summary>
public static class SurveyRating
{
    public static bool TryParse(string? body, out int rating)
    {
        var text = body.AsSpan().Trim();
        rating = text.Length != 1 ? 0 : text[0] switch
        {
            >= '1' and <= '5' => text[0] - '0',
            >= '１' and <= '５' => text[0] - '０',
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            _ => 0,
        };
        return rating != 0;
    }
}
