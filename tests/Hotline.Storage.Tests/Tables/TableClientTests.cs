using Hotline.Storage.Tables;
using Hotline.Testing;

namespace Hotline.Storage.Tests.Tables;

public sealed class TableClientTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private readonly TableClient table = azurite.Account.GetTableClient(UniqueName.Table("crud"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteIfExistsAsync();

    [Fact]
    public async Task An_added_entity_is_read_back_with_its_etag_and_timestamp()
    {
        ETag etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["Status"] = "open", ["Count"] = 3 });

        TableEntity? read = await table.GetEntityIfExistsAsync("p", "r");

        Assert.NotNull(read);
        Assert.Equal("p", read.PartitionKey);
        Assert.Equal("r", read.RowKey);
        Assert.Equal("open", read.GetString("Status"));
        Assert.Equal(3, read.GetInt32("Count"));
        Assert.Equal(etag, read.ETag);
        Assert.StartsWith("W/\"datetime'", etag.Value, StringComparison.Ordinal);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(2, read.Count);
    }

    [Fact]
    public async Task Adding_an_existing_entity_fails_with_conflict()
    {
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(StorageErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task Getting_a_missing_entity_returns_null()
    {
        Assert.Null(await table.GetEntityIfExistsAsync("p", "nothing"));
    }

    [Fact]
    public async Task Getting_from_a_missing_table_fails_with_not_found()
    {
        TableClient missing = azurite.Account.GetTableClient(UniqueName.Table("missing"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => missing.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Get_with_select_returns_only_the_selected_properties()
    {
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b", ["C"] = 1L });

        TableEntity? read = await table.GetEntityIfExistsAsync("p", "r", ["A", "C"]);

        Assert.NotNull(read);
        Assert.Equal("a", read.GetString("A"));
        Assert.Equal(1L, read.GetInt64("C"));
        Assert.False(read.ContainsKey("B"));
    }

    [Fact]
    public async Task Upsert_merge_keeps_properties_it_does_not_send()
    {
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "B2", ["C"] = "c" }, TableUpdateMode.Merge);

        TableEntity read = (await table.GetEntityIfExistsAsync("p", "r"))!;
        Assert.Equal("a", read.GetString("A"));
        Assert.Equal("B2", read.GetString("B"));
        Assert.Equal("c", read.GetString("C"));
    }

    [Fact]
    public async Task Upsert_replace_removes_properties_it_does_not_send()
    {
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, TableUpdateMode.Replace);

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "B2" }, TableUpdateMode.Replace);

        TableEntity read = (await table.GetEntityIfExistsAsync("p", "r"))!;
        Assert.False(read.ContainsKey("A"));
        Assert.Equal("B2", read.GetString("B"));
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds_and_returns_a_new_etag()
    {
        ETag first = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        ETag second = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, first);

        Assert.NotEqual(first, second);
        TableEntity read = (await table.GetEntityIfExistsAsync("p", "r"))!;
        Assert.Equal(2, read.GetInt32("V"));
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_fails_with_precondition_failed()
    {
        ETag stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, stale, TableUpdateMode.Replace));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(StorageErrorKind.PreconditionFailed, error.Kind);
        Assert.Equal(2, (await table.GetEntityIfExistsAsync("p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Update_with_etag_all_overwrites_any_version()
    {
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1, ["Other"] = "x" });

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 9 }, ETag.All, TableUpdateMode.Replace);

        TableEntity read = (await table.GetEntityIfExistsAsync("p", "r"))!;
        Assert.Equal(9, read.GetInt32("V"));
        Assert.False(read.ContainsKey("Other"));
    }

    [Fact]
    public async Task Updating_a_missing_entity_fails_with_not_found()
    {
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "missing"), ETag.All));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Delete_removes_the_entity_and_a_missing_one_is_no_error()
    {
        await table.AddEntityAsync(new TableEntity("p", "r"));

        await table.DeleteEntityAsync("p", "r");
        await table.DeleteEntityAsync("p", "r");

        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_fails_with_precondition_failed()
    {
        ETag stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        ETag current = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale));
        await table.DeleteEntityAsync("p", "r", current);

        Assert.Equal(StorageErrorKind.PreconditionFailed, error.Kind);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Theory]
    [InlineData("中文 'q'", "r&k+=%ü")]
    [InlineData("it's", "100% \"quoted\" (x) [y] {z} <a> ~!@$^*=;:,")]
    [InlineData("", "")]
    [InlineData("   ", "a b")]
    public async Task Keys_with_quotes_percent_ampersand_and_unicode_work_for_every_operation(string partitionKey, string rowKey)
    {
        ETag etag = await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 });

        TableEntity? read = await table.GetEntityIfExistsAsync(partitionKey, rowKey);
        ETag updated = await table.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, etag);
        TableEntity queried = Assert.Single(
            await table.QueryAsync(TableFilter.Create($"PartitionKey eq {partitionKey} and RowKey eq {rowKey}")).ToListAsync());
        await table.DeleteEntityAsync(partitionKey, rowKey, updated);

        Assert.Equal(partitionKey, read!.PartitionKey);
        Assert.Equal(rowKey, read.RowKey);
        Assert.Equal(2, queried.GetInt32("V"));
        Assert.Null(await table.GetEntityIfExistsAsync(partitionKey, rowKey));
    }

    [Fact]
    public async Task Creating_an_existing_table_and_deleting_a_missing_one_are_no_ops()
    {
        TableClient other = azurite.Account.GetTableClient(UniqueName.Table("other"));

        await other.CreateIfNotExistsAsync();
        await other.CreateIfNotExistsAsync();
        await other.AddEntityAsync(new TableEntity("p", "r"));
        await other.DeleteIfExistsAsync();
        await other.DeleteIfExistsAsync();

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => other.AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("tables")]
    public void Invalid_table_names_are_rejected_up_front(string name)
    {
        Assert.Throws<ArgumentException>(() => azurite.Account.GetTableClient(name));
    }
}
