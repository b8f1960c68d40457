using System.Text;
using System.Text.RegularExpressions;

namespace Hotline.Sms.Phones;

/// <summary>
/// Masks phone numbers for logs and stored diagnostics: the spec says a phone number never appears whole in logs.
/// </summary>
public static partial class PhoneMask
{
    /// <summary>
    /// "+8613912345678" → "+86139****5678": the country code, the first 3 and the last 4 digits of the
    /// national number stay readable so an operator can tell numbers apart. Shorter national numbers
    /// keep less. Anything that is not E.164 is masked except its last two characters.
    /// </summary>
    public static string Mask(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return "(none)";
        }

        if (e164.Length < 2 || e164[0] != '+' || e164.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return e164.Length <= 2 ? new string('*', e164.Length) : new string('*', e164.Length - 2) + e164[^2..];
        }

        var digits = e164.AsSpan(1);
        var cc = CountryCodeLength(digits);
        if (digits.Length - cc < 4)
        {
            return "+" + new string('*', digits.Length);
        }

        var national = digits[cc..];
        var (head, tail) = national.Length switch
        {
            >= 10 => (3, 4),
            >= 7 => (2, 2),
            _ => (0, 2),
        };

        var sb = new StringBuilder(e164.Length);
        sb.Append('+').Append(digits[..cc]).Append(national[..head]);
        sb.Append('*', national.Length - head - tail);
        sb.Append(national[^tail..]);
        return sb.ToString();
    }

    /// <summary>
    /// Masks every phone-like digit run inside free text: 7 or more digits, optionally with a leading +, ASCII or
    /// full-width, written straight or in groups of 3 or more split by a space, dash or dot (139 0000 1234,
    /// 0931-8765432, +86 139…). Callers write numbers into their reports, and reports reach the logs inside texts.
    /// Dates (2026-12-01) and amounts (12000元) stay readable: their groups are shorter or their digits fewer.
    /// </summary>
    public static string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : PhoneLike().Replace(text, static m => MaskRun(m.Value));

    private static string MaskRun(string run)
    {
        var digits = new StringBuilder(run.Length);
        foreach (var c in run)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c is >= '０' and <= '９')
            {
                digits.Append((char)('0' + (c - '０')));
            }
        }

        if (digits.Length < 7)
        {
            return run;
        }

        if (run.StartsWith('+'))
        {
            return Mask("+" + digits);
        }

        // A bare national number (e.g. 13912345678): same ends as Mask keeps for a national number.
        var (head, tail) = digits.Length >= 10 ? (3, 4) : (0, 2);
        return string.Concat(digits.ToString(0, head), new string('*', digits.Length - head - tail), digits.ToString(digits.Length - tail, tail));
    }

    // Country calling codes are prefix-free: 1 and 7 are one digit, a fixed list is two digits, the rest three
    // (https://www.itu.int/pub/T-SP-E.164D).
    private static int CountryCodeLength(ReadOnlySpan<char> digits)
    {
        if (digits[0] is '1' or '7')
        {
            return 1;
        }

        if (digits.Length < 2)
        {
            return digits.Length;
        }

        var two = ((digits[0] - '0') * 10) + (digits[1] - '0');
        return two switch
        {
            20 or 27 or (>= 30 and <= 34) or 36 or 39 or 40 or 41 or (>= 43 and <= 49)
                or (>= 51 and <= 58) or (>= 60 and <= 66) or 81 or 82 or 84 or 86
                or (>= 90 and <= 95) or 98 => 2,
            _ => Math.Min(3, digits.Length),
        };
    }

    [GeneratedRegex(@"\+?[0-9０-９]+(?:[ .\-]?[0-9０-９]{3,})*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhoneLike();
}
