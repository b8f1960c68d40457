using System.Text.RegularExpressions;

namespace Hotline.Tests.Open311;

/// <summary>The date-time form the standard requires of every answer: W3C, with a zone (Z or ±hh:mm).</summary>
internal static partial class W3cDateTime
{
    public static bool IsW3c(string value) => W3c().IsMatch(value);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex W3c();
}
