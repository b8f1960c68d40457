using System.Text.RegularExpressions;

namespace Hotline.Tests.Faults;

/// <summary>
/// No whole phone number and no secret in what a run logged or printed. A phone counts in both the forms callers
/// and Twilio use: E.164 (+8613900001234) and the 11 national digits (13900001234), which the E.164 form contains.
/// </summary>
public static partial class PrivacyAssert
{
    /// <summary>Every Chinese mobile number in <paramref name="texts"/> (as sent: form- or JSON-escaped text is decoded first).</summary>
    public static IEnumerable<string> PhonesIn(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.SelectMany(t => new[] { t, Uri.UnescapeDataString(t) })
            .SelectMany(t => Mobile().Matches(t).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal);
    }

    public static void NothingSecretIn(IEnumerable<string> lines, IEnumerable<string> phones, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var national = phones.Select(p => p.StartsWith("+86", StringComparison.Ordinal) ? p[3..] : p).Where(p => p.Length == 11).ToHashSet(StringComparer.Ordinal);
        var hidden = secrets.Where(s => s.Length >= 8).ToList();
        Assert.NotEmpty(national);
        var checkedLines = 0;
        foreach (var line in lines)
        {
            checkedLines++;
            foreach (var phone in Mobile().Matches(line).Select(m => m.Groups[1].Value).Where(national.Contains))
            {
                Assert.Fail($"A whole phone number ({phone[..3]}…{phone[^2..]}) in: {line.Replace(phone, phone[..3] + "********", StringComparison.Ordinal)}");
            }

            foreach (var secret in hidden.Where(s => line.Contains(s, StringComparison.Ordinal)))
            {
                Assert.Fail($"A secret ({secret[..2]}…) in: {line.Replace(secret, "<secret>", StringComparison.Ordinal)}");
            }
        }

        Assert.True(checkedLines > 0, "Nothing was logged or printed to check.");
    }

    // 11 digits from 13x to 19x, alone or after the country code (+86, 86), not inside a longer run of digits.
    [GeneratedRegex(@"(?<!\d)(?:\+?86)?(1[3-9]\d{9})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();
}
