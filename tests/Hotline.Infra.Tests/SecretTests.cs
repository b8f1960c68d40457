using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Infra.Tests.Support;

namespace Hotline.Infra.Tests;

/// <summary>Secrets live in Key Vault only; the app gets references that the platform resolves with its identity.</summary>
[Collection(SharedInfrastructure.Name)]
public sealed partial class SecretTests(CompiledInfrastructure infra)
{
    private PredictedResource Vault => infra.One("Microsoft.KeyVault/vaults");

    [Fact]
    public void Vault_uses_RBAC_soft_delete_and_purge_protection()
    {
        Assert.Equal("true", Vault.Property("properties.enableRbacAuthorization"));
        Assert.Equal("true", Vault.Property("properties.enableSoftDelete"));
        Assert.Equal("true", Vault.Property("properties.enablePurgeProtection"));
    }

    [Theory]
    [InlineData("Hotline__Sms__Twilio__AuthToken", "twilio-auth-token")]
    [InlineData("Hotline__Sms__PhoneHashKey", "phone-hash-key")]
    [InlineData("Hotline__Open311__ApiKeys", "open311-api-keys")]
    public void Secret_setting_is_a_reference_to_a_secret_of_the_vault(string setting, string secret)
    {
        Assert.Equal($"@Microsoft.KeyVault(VaultName={Vault.Name};SecretName={secret})", (string?)infra.AppSettings[setting]);
        Assert.Contains(infra.OfType("Microsoft.KeyVault/vaults/secrets"), s => s.Name == $"{Vault.Name}/{secret}");
    }

    [Fact]
    public void Every_setting_that_names_a_secret_is_a_Key_Vault_reference()
    {
        var secrets = infra.AppSettings.Where(s => SecretName().IsMatch(s.Key)).ToList();
        Assert.NotEmpty(secrets);
        Assert.All(secrets, s => Assert.StartsWith($"@Microsoft.KeyVault(VaultName={Vault.Name};", (string?)s.Value, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("twilioAuthToken")]
    [InlineData("phoneHashKey")]
    [InlineData("open311ApiKeys")]
    public void Secret_parameter_is_secure_and_reaches_nothing_but_its_vault_secret(string parameter)
    {
        Assert.Equal("securestring", (string?)infra.Template["parameters"]![parameter]!["type"]);

        var users = infra.Resources.Where(r => r.Json.ToJsonString(RelaxedJson).Contains($"parameters('{parameter}')", StringComparison.Ordinal)).ToList();
        var user = Assert.Single(users);
        Assert.Equal("Microsoft.KeyVault/vaults/secrets", user.Type);
        Assert.DoesNotContain(parameter, infra.Outputs.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_secret_values_given_to_the_deployment_appear_nowhere_in_its_resources_or_outputs()
    {
        Assert.DoesNotContain(CompiledInfrastructure.ProductionEnvironment["TWILIO_AUTH_TOKEN"], infra.SnapshotText, StringComparison.Ordinal);
        Assert.DoesNotContain(CompiledInfrastructure.ProductionEnvironment["PHONE_HASH_KEY"], infra.SnapshotText, StringComparison.Ordinal);
        Assert.DoesNotContain("open311-key-marker", infra.SnapshotText, StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex("(Token|Secret|Password|Key)$")]
    private static partial Regex SecretName();
}
