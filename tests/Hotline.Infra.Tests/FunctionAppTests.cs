using Hotline.Infra.Tests.Support;

namespace Hotline.Infra.Tests;

/// <summary>The Flex Consumption app: HTTPS only, TLS 1.2, no password-based publishing, one managed identity for everything.</summary>
[Collection(SharedInfrastructure.Name)]
public sealed class FunctionAppTests(CompiledInfrastructure infra)
{
    private PredictedResource Site => infra.One("Microsoft.Web/sites");

    private string IdentityId => infra.One("Microsoft.ManagedIdentity/userAssignedIdentities").Id;

    [Fact]
    public void Runs_on_a_Flex_Consumption_plan()
    {
        var plan = infra.One("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.Property("sku.name"));
        Assert.Equal("FlexConsumption", plan.Property("sku.tier"));
        Assert.Equal("true", plan.Property("properties.reserved"));
        Assert.Equal(plan.Id, Site.Property("properties.serverFarmId"));
        Assert.Equal("functionapp,linux", Site.Property("kind"));
    }

    [Fact]
    public void Runs_the_dotnet_isolated_worker_on_NET_10_as_Flex_declares_it()
    {
        Assert.Equal("dotnet-isolated", Site.Property("properties.functionAppConfig.runtime.name"));
        Assert.Equal("10.0", Site.Property("properties.functionAppConfig.runtime.version"));
        // The app targets the same .NET the runtime brings (framework-dependent package).
        var targetFramework = TheApp.Assemblies[0].GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName;
        Assert.Equal(".NETCoreApp,Version=v10.0", targetFramework);
    }

    [Fact]
    public void Serves_HTTPS_only_with_TLS_1_2()
    {
        Assert.Equal("true", Site.Property("properties.httpsOnly"));
        Assert.Equal("1.2", Site.Property("properties.siteConfig.minTlsVersion"));
        Assert.Equal("1.2", Site.Property("properties.siteConfig.scmMinTlsVersion"));
        Assert.Equal("Disabled", Site.Property("properties.siteConfig.ftpsState"));
        Assert.Equal("false", Site.Property("properties.siteConfig.remoteDebuggingEnabled"));
    }

    [Fact]
    public void Publishing_with_FTP_or_SCM_passwords_is_off()
    {
        var policies = infra.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToDictionary(p => p.ShortName, p => p.Property("properties.allow"));
        Assert.Equal(new Dictionary<string, string?> { ["ftp"] = "false", ["scm"] = "false" }, policies);
    }

    [Fact]
    public void Runs_as_the_one_user_assigned_identity_for_storage_the_package_and_Key_Vault()
    {
        Assert.Equal("UserAssigned", Site.Property("identity.type"));
        Assert.Equal([IdentityId], Site.Find("identity.userAssignedIdentities")!.AsObject().Select(i => i.Key));
        Assert.Equal(IdentityId, Site.Property("properties.keyVaultReferenceIdentity"));
        Assert.Equal("UserAssignedIdentity", Site.Property("properties.functionAppConfig.deployment.storage.authentication.type"));
        Assert.Equal(IdentityId, Site.Property("properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"));
    }

    [Fact]
    public void Package_comes_from_the_private_deployment_container()
    {
        var container = Assert.Single(infra.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
        var account = infra.One("Microsoft.Storage/storageAccounts");
        Assert.Equal("blobContainer", Site.Property("properties.functionAppConfig.deployment.storage.type"));
        Assert.Equal($"https://{account.Name}.blob.core.windows.net/{container.ShortName}",
            DeploymentTimeValues.Resolve(Site.Property("properties.functionAppConfig.deployment.storage.value")!));
    }

    [Fact]
    public void Storage_is_reached_with_the_identity()
    {
        var account = infra.One("Microsoft.Storage/storageAccounts").Name;
        var settings = infra.AppSettings;
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Select(s => s.Key));
        Assert.Equal("managedidentity", Setting("AzureWebJobsStorage__credential"));
        Assert.Equal(DeploymentTimeValues.IdentityClientId, Setting("AzureWebJobsStorage__clientId"));
        Assert.Equal($"https://{account}.blob.core.windows.net/", Setting("AzureWebJobsStorage__blobServiceUri"));
        Assert.Equal($"https://{account}.queue.core.windows.net/", Setting("AzureWebJobsStorage__queueServiceUri"));
        Assert.Equal($"https://{account}.table.core.windows.net/", Setting("AzureWebJobsStorage__tableServiceUri"));
    }

    [Fact]
    public void Telemetry_is_sent_with_the_identity_because_Application_Insights_refuses_keys()
    {
        var appInsights = infra.One("Microsoft.Insights/components");
        Assert.Equal("true", appInsights.Property("properties.DisableLocalAuth"));
        Assert.Equal(infra.One("Microsoft.OperationalInsights/workspaces").Id, appInsights.Property("properties.WorkspaceResourceId"));
        Assert.Equal($"ClientId={DeploymentTimeValues.IdentityClientId};Authorization=AAD", Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.StartsWith("InstrumentationKey=", Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"), StringComparison.Ordinal);
    }

    private string Setting(string key) => DeploymentTimeValues.Resolve((string)infra.AppSettings[key]!);
}
