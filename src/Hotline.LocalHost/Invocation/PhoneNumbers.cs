using System.Text.RegularExpressions;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// Phone numbers never appear whole in logs (SPEC "Bad input and faults"): runs of 7+ digits keep only their last 2.
/// A run glued to ASCII letters, digits, '_' or a leading '.' is part of something else (a GUID, a time's fraction)
/// and stays readable; text in other scripts around a number does not protect it.
/// </summary>
internal static partial class PhoneNumbers
{
    public static string Mask(string text) =>
        LongDigitRun().Replace(text, match => new string('*', match.Length - 2) + match.Value[^2..]);

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])\d{7,}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    private static partial Regex LongDigitRun();
}
