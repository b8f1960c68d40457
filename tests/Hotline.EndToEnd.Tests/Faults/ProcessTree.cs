using System.Globalization;

namespace Hotline.EndToEnd.Tests.Faults;

/// <summary>Linux process lookups through /proc: which process is the local host, and which of its children is the worker.</summary>
internal static class ProcessTree
{
    /// <summary>The local host process listening on <paramref name="port"/> (its command line says so).</summary>
    public static int LocalHost(int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        foreach (var pid in AllProcesses())
        {
            var args = CommandLine(pid);
            var at = args.IndexOf("--port");
            if (args.Any(a => a.EndsWith("Hotline.LocalHost.dll", StringComparison.Ordinal)) && at >= 0 && at + 1 < args.Count && args[at + 1] == portText)
            {
                return pid;
            }
        }

        throw new InvalidOperationException($"No local host process listens on port {portText}.");
    }

    /// <summary>The worker the local host runs now: its child started with a Functions worker id; null between workers.</summary>
    public static int? Worker(int localHost) =>
        Children(localHost).Where(pid => CommandLine(pid).Contains("--functions-worker-id")).Cast<int?>().FirstOrDefault();

    private static List<int> Children(int pid)
    {
        // Each thread lists the children it forked (https://docs.kernel.org/filesystems/proc.html, /proc/<pid>/task/<tid>/children).
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }

        var children = new List<int>();
        foreach (var task in tasks)
        {
            try
            {
                children.AddRange(File.ReadAllText(Path.Combine(task, "children"))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A thread that ended while being read.
            }
        }

        return children;
    }

    private static IEnumerable<int> AllProcesses() =>
        Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name is { Length: > 0 } && name.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture));

    private static List<string> CommandLine(int pid)
    {
        try
        {
            return [.. File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or not ours.
            return [];
        }
    }
}
