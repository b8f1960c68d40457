using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hotline.Sms.Phones;

/// <summary>
/// Normalizes what callers type into E.164. Chinese mobiles are the common case; other countries
/// are accepted in international form only, because a bare national number is ambiguous.
/// </summary>
public static class PhoneNumber
{
    public const string ChinaCountryCode = "86";

    /// <summary>
    /// Accepts an 11-digit Chinese mobile (1[3-9]…, with an optional +86/0086/86 prefix) or any
    /// "+" number of 7–15 digits not starting with 0. Spaces, dashes, dots, brackets and
    /// full-width digits (as phone keyboards in Chinese input modes produce) are tolerated.
    /// A +86 number that is not a mobile is rejected: mainland landlines cannot receive SMS
    /// (Twilio error 21614, https://www.twilio.com/docs/api/errors/21614).
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return false;
        }

        var plus = false;
        var digits = new StringBuilder(16);
        foreach (var raw in input.Trim())
        {
            var c = FoldFullWidth(raw);
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && digits.Length == 0 && !plus)
            {
                plus = true;
            }
            else if (!IsSeparator(c))
            {
                return false;
            }
        }

        var d = digits.ToString();
        if (plus)
        {
            if (d.StartsWith(ChinaCountryCode, StringComparison.Ordinal))
            {
                return TryChinaMobile(d[2..], out e164);
            }

            return TryInternational(d, out e164);
        }

        if (d.StartsWith("0086", StringComparison.Ordinal))
        {
            return TryChinaMobile(d[4..], out e164);
        }

        if (d.Length == 13 && d.StartsWith(ChinaCountryCode, StringComparison.Ordinal))
        {
            return TryChinaMobile(d[2..], out e164);
        }

        return TryChinaMobile(d, out e164);
    }

    /// <summary>True for a string already in the canonical form this class produces.</summary>
    public static bool IsE164(string? value) =>
        value is not null && TryNormalize(value, out var normalized) && normalized == value;

    /// <summary>True for an 11-digit mainland mobile number (without country code).</summary>
    public static bool IsChinaMobile(ReadOnlySpan<char> national) =>
        national.Length == 11
        && national[0] == '1'
        && national[1] is >= '3' and <= '9'
        && !national.ContainsAnyExceptInRange('0', '9');

    private static bool TryChinaMobile(string national, [NotNullWhen(true)] out string? e164)
    {
        e164 = IsChinaMobile(national) ? "+" + ChinaCountryCode + national : null;
        return e164 is not null;
    }

    private static bool TryInternational(string digits, [NotNullWhen(true)] out string? e164)
    {
        // E.164: at most 15 digits, country codes never start with 0
        // (https://www.itu.int/rec/T-REC-E.164). 7 is the shortest plausible subscriber number.
        e164 = digits.Length is >= 7 and <= 15 && digits[0] != '0' ? "+" + digits : null;
        return e164 is not null;
    }

    private static bool IsSeparator(char c) =>
        c is ' ' or '-' or '.' or '(' or ')' or '\u00A0' or '\u3000' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014';

    private static char FoldFullWidth(char c) => c switch
    {
        >= '\uFF10' and <= '\uFF19' => (char)('0' + (c - '\uFF10')),
        '\uFF0B' => '+',
        '\uFF0D' => '-',
        '\uFF08' => '(',
        '\uFF09' => ')',
        _ => c,
    };
}
