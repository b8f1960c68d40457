using Hotline.Storage.Tables;
using Hotline.Testing;

namespace Hotline.Storage.Tests.Tables;

public sealed class TableTransactionTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private readonly TableClient table = azurite.Account.GetTableClient(UniqueName.Table("batch"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteIfExistsAsync();

    [Fact]
    public async Task A_transaction_applies_every_kind_of_action_and_returns_their_etags()
    {
        ETag toUpdate = await table.AddEntityAsync(new TableEntity("p", "update") { ["V"] = 1, ["Keep"] = "k" });
        ETag toReplace = await table.AddEntityAsync(new TableEntity("p", "replace") { ["V"] = 1, ["Drop"] = "d" });
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["Keep"] = "k" });
        await table.AddEntityAsync(new TableEntity("p", "delete"));

        IReadOnlyList<ETag?> etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["V"] = 1L }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "merge") { ["V"] = 2 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "new") { ["V"] = 3 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "update") { ["V"] = 4 }, toUpdate),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["V"] = 5 }, toReplace),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ]);

        Assert.Equal(6, etags.Count);
        Assert.All(etags.Take(5), e => Assert.StartsWith("W/", e!.Value.Value, StringComparison.Ordinal));
        Assert.Null(etags[5]);
        Dictionary<string, TableEntity> rows = (await table.QueryAsync().ToListAsync()).ToDictionary(e => e.RowKey);
        Assert.Equal(["add", "merge", "new", "replace", "update"], rows.Keys.Order());
        Assert.Equal(1L, rows["add"].GetInt64("V"));
        Assert.Equal("k", rows["merge"].GetString("Keep"));
        Assert.Equal("k", rows["update"].GetString("Keep"));
        Assert.False(rows["replace"].ContainsKey("Drop"));
        Assert.Equal(etags[3], rows["update"].ETag);
    }

    [Fact]
    public async Task A_failing_action_rolls_back_the_whole_transaction_and_is_named()
    {
        await table.AddEntityAsync(new TableEntity("p", "exists"));

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p", "b")),
            new(TableTransactionActionType.Add, new TableEntity("p", "exists")),
            new(TableTransactionActionType.Add, new TableEntity("p", "c")),
        ]));

        Assert.Equal(2, error.FailedActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(StorageErrorKind.Conflict, error.Kind);
        Assert.Equal(["exists"], (await table.QueryAsync().ToListAsync()).Select(e => e.RowKey));
    }

    [Fact]
    public async Task A_stale_etag_in_a_transaction_fails_with_precondition_failed()
    {
        ETag stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "r") { ["V"] = 3 }, stale),
        ]));

        Assert.Equal(StorageErrorKind.PreconditionFailed, error.Kind);
        Assert.Equal(1, error.FailedActionIndex);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "new"));
    }

    [Fact]
    public async Task A_delete_of_a_missing_entity_fails_the_transaction()
    {
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "missing")),
        ]));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.Equal(1, error.FailedActionIndex);
    }

    [Fact]
    public async Task Exactly_100_actions_are_accepted()
    {
        IReadOnlyList<ETag?> etags = await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}"))));

        Assert.Equal(100, etags.Count);
        Assert.Equal(100, (await table.QueryAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task More_than_100_actions_are_rejected_before_sending()
    {
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}")))));

        Assert.Equal(StorageErrorKind.BadRequest, error.Kind);
        Assert.Equal(100, error.FailedActionIndex);
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task Actions_on_two_partitions_are_rejected_before_sending()
    {
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.Add, new TableEntity("other", "b")),
        ]));

        Assert.Equal("CommandsInBatchActOnDifferentPartitions", error.ErrorCode);
        Assert.Equal(1, error.FailedActionIndex);
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task The_same_row_twice_is_rejected_before_sending()
    {
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "b")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "a")),
        ]));

        Assert.Equal("InvalidDuplicateRow", error.ErrorCode);
        Assert.Equal(2, error.FailedActionIndex);
    }

    [Fact]
    public async Task A_transaction_over_4_MiB_is_rejected_before_sending()
    {
        // 70 entities of ~62 KiB each: every entity is within limits, the batch is not.
        string big = new('x', 31_000);
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 70)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["A"] = big, ["B"] = big }))));

        Assert.Equal(StorageErrorKind.TooLarge, error.Kind);
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task An_empty_transaction_is_an_argument_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
    }

    [Fact]
    public async Task Unicode_values_and_keys_survive_a_transaction()
    {
        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("中文 'p'", "r&k+=%ü") { ["S"] = "工资拖欠 \r\n \"q\"" }),
        ]);

        TableEntity read = (await table.GetEntityIfExistsAsync("中文 'p'", "r&k+=%ü"))!;
        Assert.Equal("工资拖欠 \r\n \"q\"", read.GetString("S"));
    }
}
