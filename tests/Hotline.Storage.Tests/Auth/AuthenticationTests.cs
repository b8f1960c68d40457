using Hotline.Storage.Queues;
using Hotline.Storage.Tables;
using Hotline.Testing;

namespace Hotline.Storage.Tests.Auth;

public sealed class AuthenticationTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    // A valid base64 key, but not the account's.
    private static readonly string WrongKey = Convert.ToBase64String(new byte[64]);

    [Fact]
    public async Task A_wrong_key_fails_table_requests_with_a_typed_403()
    {
        StorageAccount wrong = StorageAccount.Parse(azurite.ConnectionString.Replace(StorageAccount.DevelopmentAccountKey, WrongKey, StringComparison.Ordinal));
        TableClient table = wrong.GetTableClient(UniqueName.Table("auth"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
        Assert.Equal(StorageErrorKind.Other, error.Kind);
    }

    [Fact]
    public async Task A_wrong_key_fails_queue_requests_with_a_typed_403()
    {
        StorageAccount wrong = StorageAccount.Parse(azurite.ConnectionString.Replace(StorageAccount.DevelopmentAccountKey, WrongKey, StringComparison.Ordinal));
        QueueClient queue = wrong.GetQueueClient(UniqueName.Queue("auth"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
    }

    [Fact]
    public async Task The_right_key_works_for_both_services()
    {
        TableClient table = azurite.Account.GetTableClient(UniqueName.Table("auth"));
        QueueClient queue = azurite.Account.GetQueueClient(UniqueName.Queue("auth"));

        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();

        await table.DeleteIfExistsAsync();
        await queue.DeleteIfExistsAsync();
    }
}
