using System.Diagnostics;
using System.Globalization;

namespace Hotline.Benchmarks;

/// <summary>
/// Each invocation's wall time, and of it the time in round trips (while at least one call was in flight) and the
/// calls it made: what is left outside the round trips is the invoker's own work (the SDK's serialization included).
/// </summary>
internal sealed class InvocationTimes
{
    private readonly List<double> _total = [];
    private readonly List<double> _inCalls = [];
    private readonly List<int> _calls = [];
    private readonly Dictionary<string, List<double>> _byCall = new(StringComparer.Ordinal);

    public int Count => _total.Count;

    public void Add(double totalMs, IReadOnlyList<StorageCall> calls)
    {
        _total.Add(totalMs);
        _calls.Add(calls.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            // The n-th call of a kind in this invocation: "table GET reportdays entity" comes three times.
            var n = seen[call.What] = seen.GetValueOrDefault(call.What) + 1;
            var key = n == 1 ? call.What : string.Create(CultureInfo.InvariantCulture, $"{call.What} ({n})");
            if (!_byCall.TryGetValue(key, out var latencies))
            {
                _byCall[key] = latencies = [];
            }

            latencies.Add((call.End - call.Start) * 1000.0 / Stopwatch.Frequency);
        }

        var busy = 0L;
        var (from, to) = (long.MinValue, long.MinValue);
        foreach (var call in calls.OrderBy(c => c.Start))
        {
            if (call.Start > to)
            {
                busy += to - from;
                (from, to) = (call.Start, call.End);
            }
            else
            {
                to = Math.Max(to, call.End);
            }
        }

        busy += to - from;
        _inCalls.Add(busy * 1000.0 / Stopwatch.Frequency);
    }

    public double P(double q) => Percentile(_total, q);

    public double InCalls(double q) => Percentile(_inCalls, q);

    /// <summary>The median of what each invocation spent outside its round trips.</summary>
    public double Outside => Percentile([.. _total.Zip(_inCalls, (t, c) => t - c)], 0.5);

    /// <summary>Each kind of call, in the order they first came, with its median latency and how many invocations made it.</summary>
    public IEnumerable<(string Call, double P50, int Made)> ByCall => _byCall.Select(c => (c.Key, Percentile(c.Value, 0.5), c.Value.Count));

    public string Calls => _calls.Min() == _calls.Max()
        ? _calls[0].ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{_calls.Min()}–{_calls.Max()}");

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
