namespace Hotline.Sms.Templates;

/// <summary>
/// Counts SMS segments the way carriers bill them
/// (https://www.twilio.com/docs/glossary/what-sms-character-limit): GSM-7 160 in one part or 153 per part
/// of a concatenated message, UCS-2 70 or 67. One character outside GSM-7 makes the whole text UCS-2,
/// so any Chinese text is UCS-2.
/// </summary>
public static class SmsSegments
{
    public const int Gsm7Single = 160;
    public const int Gsm7Multi = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Multi = 67;

    /// <summary>Twilio rejects longer bodies with error 21617.</summary>
    public const int MaxBodyLength = 1600;

    // GSM 03.38 basic character set (the escape code itself excluded) and its extension table, whose
    // characters take an escape septet plus one (3GPP TS 23.038 §6.2.1).
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "\f^{}\\[~]|€";

    public static int Count(string text) => Analyze(text).Segments;

    public static SmsSegmentInfo Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, 0, 0);
        }

        return IsGsm7(text) ? AnalyzeGsm7(text) : AnalyzeUcs2(text);
    }

    public static bool IsGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!Gsm7Basic.Contains(c, StringComparison.Ordinal) && !Gsm7Extension.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static SmsSegmentInfo AnalyzeGsm7(string text)
    {
        var units = 0;
        foreach (var c in text)
        {
            units += Gsm7Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
        }

        if (units <= Gsm7Single)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, units, 1);
        }

        // Pack greedily: an escape pair is never split across two parts.
        var segments = 1;
        var used = 0;
        foreach (var c in text)
        {
            var cost = Gsm7Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
            if (used + cost > Gsm7Multi)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return new SmsSegmentInfo(SmsEncoding.Gsm7, units, segments);
    }

    private static SmsSegmentInfo AnalyzeUcs2(string text)
    {
        if (text.Length <= Ucs2Single)
        {
            return new SmsSegmentInfo(SmsEncoding.Ucs2, text.Length, 1);
        }

        // Pack greedily: a surrogate pair (emoji, rare CJK) is never split across two parts.
        var segments = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + cost > Ucs2Multi)
            {
                segments++;
                used = 0;
            }

            used += cost;
            i += cost - 1;
        }

        return new SmsSegmentInfo(SmsEncoding.Ucs2, text.Length, segments);
    }
}
