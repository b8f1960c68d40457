using System.Globalization;

namespace Hotline.Benchmarks;

/// <summary>What the benchmarks read of other processes from Linux's /proc: which children a process started, and their peak memory.</summary>
internal static class ProcFs
{
    /// <summary>The processes whose parent is <paramref name="parent"/>, each with its command line's arguments.</summary>
    public static IEnumerable<(int Pid, string[] Command)> Children(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat, command;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
                command = File.ReadAllText(Path.Combine(directory, "cmdline"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
                continue;
            }

            // "pid (comm) state ppid …": the command may hold spaces, so read after its closing parenthesis.
            if (int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture) == parent)
            {
                yield return (pid, command.Split('\0', StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    /// <summary>VmHWM: the peak resident set of a process, in kB (0 once it has ended).</summary>
    public static long PeakKilobytes(int pid)
    {
        string? line;
        try
        {
            line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
