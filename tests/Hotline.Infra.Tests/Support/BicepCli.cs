using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline.Testing;

namespace Hotline.Infra.Tests.Support;

/// <summary>The Bicep CLI that tools/Bicep.targets restores from NuGet into tools/bin/bicep.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static string Path => System.IO.Path.Combine(RepositoryPaths.Root, "tools", "bin", "bicep");

    /// <summary>Runs bicep with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static async Task<BicepRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: build this test project (or run scripts/install-tools.sh) to restore it.");
        }

        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Bicep asks nothing of the network for local files; keep its telemetry quiet in tests.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Deadline}.");
        }

        return new BicepRun(string.Join(' ', arguments), process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>One finished bicep command.</summary>
public sealed record BicepRun(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>
    /// Every diagnostic (error, warning or info) in SARIF printed by <c>--diagnostics-format sarif</c>; with
    /// <c>--pattern</c> bicep prints one SARIF document per file, one after the other.
    /// </summary>
    public static IReadOnlyList<string> Diagnostics(string sarif)
    {
        var diagnostics = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(sarif), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            var document = JsonNode.Parse(ref reader)!;
            foreach (var result in document["runs"]!.AsArray().SelectMany(run => run!["results"]!.AsArray()))
            {
                var location = result!["locations"]?[0]?["physicalLocation"];
                diagnostics.Add($"{location?["artifactLocation"]?["uri"]}({location?["region"]?["startLine"]}) " +
                    $"{result["level"] ?? "warning"} {result["ruleId"]}: {result["message"]?["text"]}");
            }
        }

        return diagnostics;
    }
}
