namespace Hotline.Testing;

/// <summary>Fresh table and queue names, so no test sees another's data.</summary>
public static class UniqueName
{
    /// <summary>Letters and digits, starting with a letter, at most 63 characters.</summary>
    public static string Table(string prefix = "t")
    {
        string clean = new(prefix.Where(char.IsAsciiLetterOrDigit).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean = "t" + clean;
        }

        return Cap(clean) + Suffix();
    }

    /// <summary>Lower-case letters, digits and single hyphens, at most 63 characters.</summary>
    public static string Queue(string prefix = "q")
    {
        string clean = new(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (clean.Contains("--", StringComparison.Ordinal))
        {
            clean = clean.Replace("--", "-", StringComparison.Ordinal);
        }

        clean = Cap(clean.Trim('-')).TrimEnd('-');
        return (clean.Length == 0 ? "q" : clean) + "-" + Suffix();
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..16];

    // 40 + 1 + 16 stays within the 63-character limit of both kinds of name.
    private static string Cap(string prefix) => prefix.Length <= 40 ? prefix : prefix[..40];
}
