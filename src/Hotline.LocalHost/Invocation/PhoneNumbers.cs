using System.Text.RegularExpressions;

namespace Hotline.LocalHost.Invocation;

/// <summary>Phone numbers never appear whole in logs (SPEC "Bad input and faults"): runs of 7+ digits keep only their last 2.</summary>
internal static partial class PhoneNumbers
{
    public static string Mask(string text) =>
        LongDigitRun().Replace(text, match => new string('*', match.Length - 2) + match.Value[^2..]);

    [GeneratedRegex(@"\d{7,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongDigitRun();
}
