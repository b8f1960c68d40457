using Hotline.Infra.Tests.Support;

namespace Hotline.Infra.Tests;

/// <summary>infra/ compiles and lints with no error, no warning and no informational message.</summary>
[Collection(SharedInfrastructure.Name)]
public sealed class BicepCompilerTests(CompiledInfrastructure infra)
{
    [Fact]
    public async Task The_compiler_is_the_version_tools_Bicep_targets_pins()
    {
        var targets = System.Xml.Linq.XDocument.Load(Path.Combine(Hotline.Testing.RepositoryPaths.Root, "tools", "Bicep.targets"));
        var pinned = targets.Descendants("BicepVersion").Single().Value;
        var version = await BicepCli.RunAsync(Hotline.Testing.RepositoryPaths.Root, null, "--version");
        Assert.Contains($"Bicep CLI version {pinned} ", version.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_template_builds_without_any_diagnostic()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.Stderr);
        Assert.Empty(BicepRun.Diagnostics(infra.Build.Stderr));
    }

    [Fact]
    public void Every_bicep_file_lints_without_any_diagnostic()
    {
        Assert.True(infra.Lint.ExitCode == 0, infra.Lint.Stdout + infra.Lint.Stderr);
        Assert.Empty(BicepRun.Diagnostics(infra.Lint.Stdout));
        // --pattern prints one SARIF document per file it linted: every module was looked at.
        var linted = infra.Lint.Stdout.Split("\"runs\"").Length - 1;
        var files = Directory.EnumerateFiles(Path.Combine(Hotline.Testing.RepositoryPaths.Root, "infra"), "*.bicep", SearchOption.AllDirectories).Count();
        Assert.Equal(files, linted);
    }

    [Fact]
    public void Parameter_file_builds_without_any_diagnostic()
    {
        Assert.True(infra.BuildParams.ExitCode == 0, infra.BuildParams.Stderr);
        Assert.Empty(BicepRun.Diagnostics(infra.BuildParams.Stderr));
    }

    [Fact]
    public void Snapshot_of_a_production_deployment_evaluates_without_any_diagnostic()
    {
        Assert.True(infra.Snapshot.ExitCode == 0, infra.Snapshot.Stdout + infra.Snapshot.Stderr);
        Assert.NotEmpty(infra.Resources);
        Assert.Empty(infra.SnapshotDiagnostics);
    }
}
