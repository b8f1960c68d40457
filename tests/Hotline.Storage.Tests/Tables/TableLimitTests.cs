using Hotline.Storage.Tables;
using Hotline.Testing;

namespace Hotline.Storage.Tests.Tables;

/// <summary>Limits of the real service that Azurite does not enforce, so the client must.</summary>
public sealed class TableLimitTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private readonly TableClient table = azurite.Account.GetTableClient(UniqueName.Table("limits"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteIfExistsAsync();

    [Fact]
    public async Task An_entity_over_1_MiB_fails_with_too_large_before_sending()
    {
        var entity = new TableEntity("p", "r");
        for (int i = 0; i < 17; i++)
        {
            entity[$"P{i}"] = new string('x', 32_000);
        }

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.UpsertEntityAsync(entity));

        Assert.Equal(StorageErrorKind.TooLarge, error.Kind);
        Assert.Equal("EntityTooLarge", error.ErrorCode);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task An_entity_just_under_1_MiB_is_accepted()
    {
        var entity = new TableEntity("p", "r");
        for (int i = 0; i < 16; i++)
        {
            entity[$"P{i}"] = new string('x', 32_000);
        }

        await table.AddEntityAsync(entity);

        Assert.Equal(16, (await table.GetEntityIfExistsAsync("p", "r"))!.Count);
    }

    [Fact]
    public async Task More_than_252_custom_properties_fail_before_sending()
    {
        var ok = new TableEntity("p", "ok");
        var tooMany = new TableEntity("p", "many");
        for (int i = 0; i < 253; i++)
        {
            tooMany[$"P{i}"] = i;
            if (i < 252)
            {
                ok[$"P{i}"] = i;
            }
        }

        await table.AddEntityAsync(ok);
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.AddEntityAsync(tooMany));

        Assert.Equal(StorageErrorKind.BadRequest, error.Kind);
        Assert.Equal("TooManyProperties", error.ErrorCode);
    }

    [Fact]
    public async Task A_string_property_over_32_Ki_characters_fails_with_too_large()
    {
        await table.AddEntityAsync(new TableEntity("p", "ok") { ["S"] = new string('x', 32 * 1024), ["Cjk"] = new string('中', 32_000) });

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => table.AddEntityAsync(new TableEntity("p", "big") { ["S"] = new string('x', (32 * 1024) + 1) }));

        Assert.Equal(StorageErrorKind.TooLarge, error.Kind);
        Assert.Equal("PropertyValueTooLarge", error.ErrorCode);
    }

    [Fact]
    public async Task A_binary_property_over_64_KiB_fails_with_too_large()
    {
        await table.AddEntityAsync(new TableEntity("p", "ok") { ["B"] = new byte[64 * 1024] });

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => table.AddEntityAsync(new TableEntity("p", "big") { ["B"] = new byte[(64 * 1024) + 1] }));

        Assert.Equal(StorageErrorKind.TooLarge, error.Kind);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    public async Task Keys_with_forbidden_characters_fail_with_bad_request_before_sending(string key)
    {
        var asPartition = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.AddEntityAsync(new TableEntity(key, "r")));
        var asRow = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.UpsertEntityAsync(new TableEntity("p", key)));
        var onDelete = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.DeleteEntityAsync("p", key));

        Assert.All([asPartition, asRow, onDelete], e => Assert.Equal(StorageErrorKind.BadRequest, e.Kind));
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task A_key_over_512_characters_fails_and_512_is_accepted()
    {
        await table.AddEntityAsync(new TableEntity(new string('p', 512), new string('中', 512)));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => table.AddEntityAsync(new TableEntity("p", new string('r', 513))));

        Assert.Equal(StorageErrorKind.BadRequest, error.Kind);
    }
}
