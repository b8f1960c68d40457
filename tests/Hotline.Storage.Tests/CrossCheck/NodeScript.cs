using System.Diagnostics;
using System.Text.Json;
using Hotline.Testing;

namespace Hotline.Storage.Tests.CrossCheck;

/// <summary>Runs a tests/crosscheck/*.mjs script with node and parses the JSON it prints.</summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "crosscheck", script));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var cts = new CancellationTokenSource(Timeout);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {Timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} {arguments.FirstOrDefault()} exited with {process.ExitCode}:\n{await stderr}\n{await stdout}");
        }

        using var json = JsonDocument.Parse(await stdout);
        return json.RootElement.Clone();
    }
}
