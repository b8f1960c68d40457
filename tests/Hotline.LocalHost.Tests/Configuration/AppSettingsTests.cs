using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Tests.Infrastructure;

namespace Hotline.LocalHost.Tests.Configuration;

public sealed class AppSettingsTests
{
    [Fact]
    public void The_environment_wins_over_local_settings_like_core_tools()
    {
        var settings = new AppSettings([new("Queue", "local"), new("OnlyLocal", "yes")], [new("Queue", "environment")]);

        Assert.Equal("environment", settings["queue"]);
        Assert.Equal("yes", settings["OnlyLocal"]);
        Assert.Contains("OnlyLocal", settings.LocalKeys);
    }

    [Fact]
    public void Every_percent_reference_in_a_value_is_replaced()
    {
        var settings = new AppSettings([new("Env", "dev"), new("Area", "sms")], []);
        var problems = new List<string>();

        Assert.Equal("dev-sms-outbound", settings.Resolve("%Env%-%Area%-outbound", "test", problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void Local_settings_values_come_from_the_app_root_before_the_repository()
    {
        using TempDirectory app = TempDirectory.Create();
        using TempDirectory repository = TempDirectory.Create();
        repository.WriteFile("local.settings.json", """{ "IsEncrypted": false, "Values": { "Source": "repository" } }""");

        (IReadOnlyList<KeyValuePair<string, string>> fromRepository, string? path) = LocalSettingsFile.Read(app.Path, repository.Path);
        app.WriteFile("local.settings.json", """{ "Values": { "Source": "app", "Port": 7 } }""");
        (IReadOnlyList<KeyValuePair<string, string>> fromApp, _) = LocalSettingsFile.Read(app.Path, repository.Path);

        Assert.Equal(Path.Combine(repository.Path, "local.settings.json"), path);
        Assert.Equal("repository", fromRepository.Single().Value);
        Assert.Equal([new("Source", "app"), new("Port", "7")], fromApp);
    }

    [Fact]
    public void Host_options_override_everything_and_are_exported_with_the_local_values()
    {
        var settings = new AppSettings(
            [new("Local", "l"), new("Both", "local")],
            [new("Both", "environment"), new("Inherited", "i")],
            [new("Both", "option"), new("Removed", null)]);

        Assert.Equal("option", settings["Both"]);
        Assert.Null(settings["Removed"]);
        Assert.Equal("l", settings.Exported["Local"]);
        Assert.Equal("option", settings.Exported["Both"]);
        Assert.True(settings.Exported.ContainsKey("Removed"));
        Assert.Null(settings.Exported["Removed"]);
        Assert.False(settings.Exported.ContainsKey("Inherited"));
    }
}
