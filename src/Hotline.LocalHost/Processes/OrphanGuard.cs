using System.Diagnostics;
using System.Globalization;

namespace Hotline.LocalHost.Processes;

/// <summary>
/// Kills a child when the local host dies without stopping it (kill -9, a crash): a tiny shell watchdog in a
/// session of its own polls both process ids and kills the child once the host's id is gone. PR_SET_PDEATHSIG is no
/// option from .NET: it fires when the forking thread exits, and the thread pool retires threads. The watchdog ends
/// by itself as soon as either process is gone.
/// </summary>
internal static class OrphanGuard
{
    public static void Watch(int childProcessId)
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh"))
        {
            return;
        }

        string host = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string child = childProcessId.ToString(CultureInfo.InvariantCulture);
        string script = $"while kill -0 {host} 2>/dev/null && kill -0 {child} 2>/dev/null; do sleep 0.5; done; " +
                        $"kill -0 {host} 2>/dev/null || kill -KILL -{child} {child} 2>/dev/null; exit 0";
        string[] command = File.Exists("/usr/bin/setsid") ? ["/usr/bin/setsid", "/bin/sh", "-c", script] : ["/bin/sh", "-c", script];
        var startInfo = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process? watchdog = Process.Start(startInfo);
    }
}
