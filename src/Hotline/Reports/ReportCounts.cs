using System.Globalization;
using System.Text;

namespace Hotline.Reports;

/// <summary>
/// Named counts: what one case contributes to a (unit, day), or a day's sums, or a report's. Stored as
/// "name=value;name=value" in name order, so equal counts are equal text.
/// </summary>
public sealed class ReportCounts
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long this[string name] => _counts.GetValueOrDefault(name);

    public bool IsEmpty => _counts.Count == 0;

    /// <summary>The counts whose names start with <paramref name="prefix"/>, keyed by the rest of the name.</summary>
    public IReadOnlyDictionary<string, long> WithPrefix(string prefix) =>
        _counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal) && c.Value != 0)
            .ToDictionary(c => c.Key[prefix.Length..], c => c.Value, StringComparer.Ordinal);

    public void Add(string name, long count = 1)
    {
        var sum = _counts.GetValueOrDefault(name) + count;
        if (sum == 0)
        {
            _counts.Remove(name);
        }
        else
        {
            _counts[name] = sum;
        }
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) every count of <paramref name="other"/>.</summary>
    public void Add(ReportCounts other, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (name, count) in other._counts)
        {
            Add(name, sign * count);
        }
    }

    public static ReportCounts Parse(string? text)
    {
        var counts = new ReportCounts();
        foreach (var pair in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && long.TryParse(pair.AsSpan(equals + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
            {
                counts.Add(pair[..equals], count);
            }
        }

        return counts;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (name, count) in _counts)
        {
            text.Append(text.Length == 0 ? "" : ";").Append(name).Append('=').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
