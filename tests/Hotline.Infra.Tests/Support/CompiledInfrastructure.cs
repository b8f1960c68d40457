using System.Text.Json.Nodes;
using Hotline.Testing;

namespace Hotline.Infra.Tests.Support;

/// <summary>
/// infra/ compiled once per test run: <c>bicep build</c> (the ARM JSON), <c>bicep lint</c> of every file,
/// <c>bicep build-params</c>, and <c>bicep snapshot</c>, which evaluates that ARM JSON for one set of parameters
/// (every loop expanded, every module inlined, only what Azure knows at deployment time left as an expression).
/// Runs on a copy of infra/, so the snapshot file never lands in the repository.
/// </summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000a1";
    public const string TenantId = "00000000-0000-0000-0000-0000000000b2";

    /// <summary>What an admin exports before deploying production (docs/deployment.md); the secrets are markers to look for.</summary>
    public static readonly IReadOnlyDictionary<string, string> ProductionEnvironment = new Dictionary<string, string>
    {
        ["AZURE_ENV_NAME"] = "hotline-prod",
        ["AZURE_LOCATION"] = "eastasia",
        ["HOTLINE_SMS_PROVIDER"] = "Twilio",
        ["TWILIO_ACCOUNT_SID"] = FakeTwilioServer.DefaultAccountSid,
        ["TWILIO_FROM"] = "+8612351000000",
        ["TWILIO_AUTH_TOKEN"] = "twilio-token-marker-7f3a9c",
        ["PHONE_HASH_KEY"] = "phone-hash-key-marker-5d1e2b",
        ["OPEN311_API_KEYS"] = "open311-key-marker-9c4f7a,open311-key-marker-2b8e1d",
        ["AZURE_PRINCIPAL_ID"] = "11111111-2222-3333-4444-555555555555",
        ["HOTLINE_PUBLIC_BASE_URL"] = "",
    };

    private string? _workDirectory;
    private JsonNode? _template;

    public BicepRun Build { get; private set; } = null!;

    public BicepRun Lint { get; private set; } = null!;

    public BicepRun BuildParams { get; private set; } = null!;

    public BicepRun Snapshot { get; private set; } = null!;

    /// <summary>The compiled infra/main.bicep.</summary>
    public JsonNode Template => _template ?? throw new InvalidOperationException($"bicep build failed (exit {Build.ExitCode}): {Build.Stderr}");

    /// <summary>The template's resources for <see cref="ProductionEnvironment"/>, as Azure would be asked to create them.</summary>
    public IReadOnlyList<PredictedResource> Resources { get; private set; } = [];

    /// <summary>The template's outputs for <see cref="ProductionEnvironment"/>.</summary>
    public JsonObject Outputs { get; private set; } = null!;

    /// <summary>What bicep reported while evaluating the snapshot.</summary>
    public JsonArray SnapshotDiagnostics { get; private set; } = [];

    /// <summary>The snapshot file as bicep wrote it, to search for what must not be in it.</summary>
    public string SnapshotText { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _workDirectory = Directory.CreateTempSubdirectory("hotline-infra-").FullName;
        CopyDirectory(Path.Combine(RepositoryPaths.Root, "infra"), _workDirectory);

        var build = BicepCli.RunAsync(_workDirectory, null, "build", "main.bicep", "--stdout", "--diagnostics-format", "sarif");
        var lint = BicepCli.RunAsync(_workDirectory, null, "lint", "--pattern", "**/*.bicep", "--diagnostics-format", "sarif");
        var buildParams = BicepCli.RunAsync(_workDirectory, null, "build-params", "main.bicepparam", "--stdout", "--diagnostics-format", "sarif");
        var snapshot = BicepCli.RunAsync(_workDirectory, ProductionEnvironment, "snapshot", "main.bicepparam", "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId);
        await Task.WhenAll(build, lint, buildParams, snapshot);

        Build = await build;
        Lint = await lint;
        BuildParams = await buildParams;
        Snapshot = await snapshot;

        _template = Build.ExitCode == 0 ? JsonNode.Parse(Build.Stdout) : null;
        var snapshotFile = Path.Combine(_workDirectory, "main.snapshot.json");
        if (Snapshot.ExitCode == 0 && File.Exists(snapshotFile))
        {
            SnapshotText = await File.ReadAllTextAsync(snapshotFile);
            var document = JsonNode.Parse(SnapshotText)!;
            Resources = [.. document["predictedResources"]!.AsArray().Select(r => new PredictedResource(r!.AsObject()))];
            Outputs = document["outputs"]!.AsObject();
            SnapshotDiagnostics = document["diagnostics"]?.AsArray() ?? [];
        }
        else
        {
            Outputs = [];
        }
    }

    public Task DisposeAsync()
    {
        if (_workDirectory is not null)
        {
            Directory.Delete(_workDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The one resource of <paramref name="type"/>; fails when there is none or more than one.</summary>
    public PredictedResource One(string type) => Assert.Single(OfType(type));

    public IEnumerable<PredictedResource> OfType(string type)
    {
        Assert.True(Resources.Count > 0, $"bicep snapshot failed (exit {Snapshot.ExitCode}): {Snapshot.Stdout}{Snapshot.Stderr}");
        return Resources.Where(r => r.Type == type);
    }

    /// <summary>The function app's application settings.</summary>
    public JsonObject AppSettings => One("Microsoft.Web/sites/config").Properties;

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
