using Hotline.Infra.Tests.Support;

namespace Hotline.Infra.Tests;

/// <summary>The storage account takes Entra ID only, over TLS 1.2 and HTTPS, and exposes no blob publicly.</summary>
[Collection(SharedInfrastructure.Name)]
public sealed class StorageAccountTests(CompiledInfrastructure infra)
{
    private PredictedResource Account => infra.One("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Shared_keys_are_off_so_only_Entra_ID_reaches_the_data()
    {
        Assert.Equal("false", Account.Property("properties.allowSharedKeyAccess"));
        Assert.Equal("true", Account.Property("properties.defaultToOAuthAuthentication"));
    }

    [Fact]
    public void Only_TLS_1_2_and_HTTPS_are_accepted()
    {
        Assert.Equal("TLS1_2", Account.Property("properties.minimumTlsVersion"));
        Assert.Equal("true", Account.Property("properties.supportsHttpsTrafficOnly"));
    }

    [Fact]
    public void No_blob_is_public()
    {
        Assert.Equal("false", Account.Property("properties.allowBlobPublicAccess"));
        var containers = infra.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Equal("None", c.Property("properties.publicAccess")));
    }

    [Fact]
    public void Nothing_in_the_deployment_carries_a_storage_key_or_connection_string()
    {
        Assert.DoesNotContain("AccountKey=", infra.SnapshotText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys", infra.SnapshotText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", infra.SnapshotText, StringComparison.OrdinalIgnoreCase);
    }
}
