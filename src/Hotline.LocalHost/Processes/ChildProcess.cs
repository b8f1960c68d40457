using System.Diagnostics;

namespace Hotline.LocalHost.Processes;

/// <summary>
/// A process the local host started: its output lines go to callbacks, and stopping asks it to end (SIGTERM) before
/// killing its whole tree, so nothing is left behind.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly string[] SetsidPaths = ["/usr/bin/setsid", "/bin/setsid"];

    private readonly Process process;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process)
    {
        this.process = process;
    }

    public int Id => process.Id;

    /// <summary>Completes with the exit code when the process ends, whoever ended it.</summary>
    public Task<int> Exited => exited.Task;

    public bool HasExited => exited.Task.IsCompleted;

    public static ChildProcess Start(ProcessStartInfo startInfo, Action<string> onOutput, Action<string> onError)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(onOutput);
        ArgumentNullException.ThrowIfNull(onError);
        DetachFromTerminal(startInfo);
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onOutput(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onError(e.Data);
            }
        };
        // Exited fires before the last output lines are read; waiting for the streams' end keeps them (an exit at
        // start is explained by exactly those lines).
        process.Exited += (_, _) => _ = Task.Run(async () =>
        {
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(drain.Token);
            }
            catch (OperationCanceledException)
            {
                // A grandchild keeps the pipe open: report the exit anyway.
            }

            child.exited.TrySetResult(process.ExitCode);
        });

        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Asks the process to stop, waits up to <paramref name="grace"/>, then kills it and its children.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            await SignalTerminateAsync();
            if (await Task.WhenAny(Exited, Task.Delay(grace)) == Exited)
            {
                return;
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        process.Dispose();
    }

    /// <summary>
    /// Ctrl+C in a terminal signals the whole foreground process group; children started in a session of their own
    /// (setsid execs in place, so the process id stays the same) hear only the host, which stops them in order.
    /// </summary>
    private static void DetachFromTerminal(ProcessStartInfo startInfo)
    {
        string? setsid = OperatingSystem.IsLinux() ? SetsidPaths.FirstOrDefault(File.Exists) : null;
        if (setsid is null)
        {
            return;
        }

        string[] arguments = [startInfo.FileName, .. startInfo.ArgumentList];
        startInfo.FileName = setsid;
        startInfo.ArgumentList.Clear();
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
    }

    /// <summary>.NET has no API for a polite stop; <c>kill -TERM</c> lets ASP.NET Core and Azurite shut down cleanly.</summary>
    private async Task SignalTerminateAsync()
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", "TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
                RedirectStandardError = true,
            });
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill command: the caller falls back to Kill().
        }
    }
}
