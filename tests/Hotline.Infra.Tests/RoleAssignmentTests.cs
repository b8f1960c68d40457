using System.Text.RegularExpressions;
using Hotline.Infra.Tests.Support;

namespace Hotline.Infra.Tests;

/// <summary>The app's identity gets the data roles it uses, each on the resource it uses, and nothing broader.</summary>
[Collection(SharedInfrastructure.Name)]
public sealed partial class RoleAssignmentTests(CompiledInfrastructure infra)
{
    // https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    private IReadOnlyList<(string Scope, string Role, string Principal, string? PrincipalType)> Assignments =>
    [
        .. infra.OfType("Microsoft.Authorization/roleAssignments").Select(a => (
            ScopeOf(a.Id),
            a.Property("properties.roleDefinitionId")!.Split('/')[^1],
            DeploymentTimeValues.Resolve(a.Property("properties.principalId")!),
            a.Property("properties.principalType"))),
    ];

    [Fact]
    public void App_identity_gets_exactly_the_data_roles_the_app_and_its_host_use_on_the_resources_they_use()
    {
        var account = infra.One("Microsoft.Storage/storageAccounts").Id;
        var queues = infra.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.Id).ToList();
        Assert.NotEmpty(queues);
        var expected = new List<(string, string)>
        {
            (account, StorageBlobDataOwner),
            (account, StorageTableDataContributor),
            (infra.One("Microsoft.Insights/components").Id, MonitoringMetricsPublisher),
            (infra.One("Microsoft.KeyVault/vaults").Id, KeyVaultSecretsUser),
        };
        expected.AddRange(queues.Select(q => (q, StorageQueueDataContributor)));

        var app = Assignments.Where(a => a.Principal == DeploymentTimeValues.IdentityPrincipalId).ToList();
        Assert.Equal(expected.Order(), app.Select(a => (a.Scope, a.Role)).Order());
        Assert.All(app, a => Assert.Equal("ServicePrincipal", a.PrincipalType));
    }

    [Fact]
    public void The_admin_may_only_manage_the_vault_secrets()
    {
        var admin = Assert.Single(Assignments, a => a.Principal == CompiledInfrastructure.ProductionEnvironment["AZURE_PRINCIPAL_ID"]);
        Assert.Equal((infra.One("Microsoft.KeyVault/vaults").Id, KeyVaultSecretsOfficer), (admin.Scope, admin.Role));
    }

    [Fact]
    public void Nothing_is_granted_on_the_resource_group_or_the_subscription()
    {
        Assert.NotEmpty(Assignments);
        Assert.All(Assignments, a => Assert.Contains("/providers/", a.Scope, StringComparison.Ordinal));
    }

    /// <summary>The resource a role assignment is scoped to, from its id (resolved, or the extensionResourceId expression).</summary>
    private static string ScopeOf(string id)
    {
        var expression = ExtensionResourceScope().Match(id);
        if (expression.Success)
        {
            return expression.Groups[1].Value;
        }

        var index = id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.Ordinal);
        Assert.True(index > 0, $"Not a role assignment id: {id}");
        return id[..index];
    }

    [GeneratedRegex(@"^\[extensionResourceId\('([^']+)', 'Microsoft\.Authorization/roleAssignments'")]
    private static partial Regex ExtensionResourceScope();
}
