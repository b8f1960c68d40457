namespace Hotline.Benchmarks;

/// <summary>The machine's load averages (1, 5, 15 min) from /proc/loadavg, printed next to figures taken on a shared machine.</summary>
internal static class LoadAverage
{
    public static string Now() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load average unknown";
}
