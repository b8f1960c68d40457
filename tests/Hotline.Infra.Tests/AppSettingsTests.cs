using System.Reflection;
using System.Text.RegularExpressions;
using Hotline.Infra.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Infra.Tests;

/// <summary>
/// The template's app settings and the settings the app reads are the same set: the app's side is read from its
/// options classes by reflection (<see cref="TheApp"/>), and the app is started on the template's settings alone.
/// </summary>
[Collection(SharedInfrastructure.Name)]
public sealed partial class AppSettingsTests(CompiledInfrastructure infra)
{
    /// <summary>Settings the template sets for the Functions host rather than for the app's code.</summary>
    private static readonly Dictionary<string, string> HostSettings = new()
    {
        ["AzureWebJobsStorage__blobServiceUri"] = "the host's own storage: keys and timer locks (the app uses no blobs)",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "the host's telemetry",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "the host's telemetry, sent with the identity",
    };

    /// <summary>The identity form of a storage connection, as the Functions host and the app's storage clients both read it.</summary>
    private static readonly string[] IdentityConnection = ["credential", "clientId", "queueServiceUri", "tableServiceUri"];

    /// <summary>Settings the app reads that have no default and that a production deployment leaves unset on purpose.</summary>
    private static readonly Dictionary<string, string> OptionalWithoutDefault = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Hotline__Sms__Twilio__ApiKeySid"] = "the REST API is called with the auth token; an API key is an alternative",
        ["Hotline__Sms__Twilio__ApiKeySecret"] = "goes with ApiKeySid",
        ["Hotline__Sms__Twilio__MessagingServiceSid"] = "texts go out From the hotline number; a messaging service is the alternative",
        ["Hotline__Sms__Twilio__ValidityPeriodSeconds"] = "Twilio's own default applies",
        ["Hotline__Sms__Twilio__ApiBaseUrl"] = "unset, texts go to Twilio's own API; a local run points it at a Twilio-compatible server",
        ["Hotline__Routing__DirectoryPath"] = "an admin loads the directory with PUT /api/admin/directory",
        ["Hotline__Routing__DefaultUnitId"] = "the directory's first root unit",
        ["Hotline__Clock__StartAt"] = "the moved clock of the local run; the app refuses it anywhere else",
    };

    private static readonly string[] RejectedOnFlex =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD", "WEBSITE_TIME_ZONE", "TZ",
        "WEBSITE_NODE_DEFAULT_VERSION", "AzureWebJobsStorage",
    ];

    private IReadOnlyDictionary<string, string> Settings =>
        infra.AppSettings.ToDictionary(s => s.Key, s => DeploymentTimeValues.Resolve((string)s.Value!), StringComparer.OrdinalIgnoreCase);

    private static string ConnectionName => TheApp.Settings.TryGetValue("Hotline__Storage__Connection", out var name) && name is string s ? s : "AzureWebJobsStorage";

    [Fact]
    public void Every_setting_the_template_sets_is_read_by_the_app_or_the_Functions_host()
    {
        var appReads = TheApp.Settings;
        Assert.NotEmpty(appReads);
        var unread = Settings.Keys
            .Where(key => !appReads.ContainsKey(key) && !HostSettings.ContainsKey(key)
                && !IdentityConnection.Any(part => key.Equals($"{ConnectionName}__{part}", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.True(unread.Count == 0, $"Set by the template but read by nothing: {string.Join(", ", unread)}");
    }

    [Fact]
    public void Every_setting_without_a_usable_default_in_Azure_is_set_by_the_template()
    {
        // No default at all, or a default that points at the developer's machine.
        var needed = TheApp.Settings
            .Where(s => s.Value is null || LocalMachine().IsMatch(Convert.ToString(s.Value, System.Globalization.CultureInfo.InvariantCulture)!))
            .Select(s => s.Key)
            .Where(key => !OptionalWithoutDefault.ContainsKey(key))
            .Concat(IdentityConnection.Select(part => $"{ConnectionName}__{part}"));
        var missing = needed.Where(key => !Settings.ContainsKey(key)).ToList();
        Assert.True(missing.Count == 0, $"Read by the app, with no usable default in Azure, and not set by the template: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Optional_settings_named_here_are_still_read_by_the_app()
    {
        Assert.All(OptionalWithoutDefault.Keys, key => Assert.Contains(key, TheApp.Settings.Keys, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_app_validates_its_options_and_builds_its_storage_from_the_template_settings_alone()
    {
        // The platform replaces each Key Vault reference with the secret before the app starts.
        var environment = Settings.ToDictionary(
            s => s.Key,
            s => s.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal) ? "a-secret-from-key-vault-0123456789" : s.Value);
        using var services = TheApp.Services(environment.Select(s => KeyValuePair.Create<string, string?>(s.Key, s.Value)));
        TheApp.ValidateOptions(services);

        var storageType = TheApp.Assemblies.SelectMany(a => a.GetTypes()).Single(t => t.FullName == "Hotline.Storage.HotlineStorage");
        var storage = services.GetRequiredService(storageType);
        var account = infra.One("Microsoft.Storage/storageAccounts").Name;
        var clients = storageType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetValue(storage))
            .Where(c => c?.GetType().Name.EndsWith("Client", StringComparison.Ordinal) == true && c.GetType().GetProperty("Uri") is not null)
            .Select(c => (Uri)c!.GetType().GetProperty("Uri")!.GetValue(c)!)
            .ToList();
        Assert.NotEmpty(clients);
        Assert.All(clients, uri => Assert.Matches($"^{account}\\.(table|queue)\\.core\\.windows\\.net$", uri.Host));
    }

    [Fact]
    public void Flex_Consumption_settings_are_left_to_the_site_configuration()
    {
        var present = RejectedOnFlex.Where(Settings.ContainsKey).ToList();
        Assert.True(present.Count == 0, $"Flex Consumption rejects or ignores these app settings: {string.Join(", ", present)}");
    }

    [Fact]
    public void Twilio_is_told_the_public_addresses_of_the_webhooks()
    {
        var site = infra.One("Microsoft.Web/sites").Name;
        var baseUrl = $"https://{site}-h4sh.eastasia-01.azurewebsites.net";
        Assert.Equal(baseUrl, Settings["Hotline__Sms__Twilio__WebhookBaseUrl"]);
        Assert.Equal($"{baseUrl}/api/sms/status", Settings["Hotline__Sms__Twilio__StatusCallbackUrl"]);
        Assert.Equal(baseUrl, Settings["Hotline__Public__BaseUrl"]);
    }

    [GeneratedRegex(@"127\.0\.0\.1|localhost|UseDevelopmentStorage", RegexOptions.IgnoreCase)]
    private static partial Regex LocalMachine();
}
