using Hotline.Storage.Tables;
using Hotline.Testing;

namespace Hotline.Storage.Tests.Tables;

public sealed class TableQueryTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private readonly TableClient table = azurite.Account.GetTableClient(UniqueName.Table("query"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteIfExistsAsync();

    [Fact]
    public async Task A_query_follows_continuation_tokens_across_pages()
    {
        await AddRowsAsync("p", 21);
        await AddRowsAsync("q", 3);

        List<TableEntity> all = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"p"}"), maxPerPage: 5).ToListAsync();

        Assert.Equal(21, all.Count);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => $"r{i:D3}"), all.Select(e => e.RowKey));
        Assert.All(all, e => Assert.False(string.IsNullOrEmpty(e.ETag.Value)));
    }

    [Fact]
    public async Task Without_top_a_page_holds_1000_and_the_rest_comes_next()
    {
        await AddRowsAsync("p", 1005);

        List<TableEntity> all = await table.QueryAsync().ToListAsync();

        Assert.Equal(1005, all.Count);
        Assert.Equal(1005, all.Select(e => e.RowKey).Distinct().Count());
    }

    [Fact]
    public async Task Continuation_works_across_partitions()
    {
        await AddRowsAsync("a", 4);
        await AddRowsAsync("b", 4);
        await AddRowsAsync("c", 4);

        List<TableEntity> all = await table.QueryAsync(maxPerPage: 3).ToListAsync();

        Assert.Equal(12, all.Count);
        Assert.Equal(["a", "b", "c"], all.Select(e => e.PartitionKey).Distinct());
    }

    [Fact]
    public async Task A_filter_on_typed_properties_selects_matching_rows()
    {
        await AddRowsAsync("p", 10);

        List<TableEntity> some = await table.QueryAsync(TableFilter.Create($"N ge {3L} and N lt {6L} and Even eq {true}")).ToListAsync();

        Assert.Equal(["r004"], some.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Select_returns_only_the_named_properties_with_their_types()
    {
        await AddRowsAsync("p", 2);

        List<TableEntity> rows = await table.QueryAsync(select: ["N", "RowKey"]).ToListAsync();

        Assert.Equal(2, rows.Count);
        Assert.All(rows, e => Assert.Equal(["N"], e.Keys));
        Assert.All(rows, e => Assert.IsType<long>(e["N"]));
    }

    [Fact]
    public async Task A_filter_value_with_quotes_cannot_widen_the_query()
    {
        await table.AddEntityAsync(new TableEntity("p", "x") { ["Name"] = "a" });
        await table.AddEntityAsync(new TableEntity("p", "y") { ["Name"] = "b' or Name ne 'z" });

        string hostile = "b' or Name ne 'z";
        List<TableEntity> rows = await table.QueryAsync(TableFilter.Create($"Name eq {hostile}")).ToListAsync();

        Assert.Equal("y", Assert.Single(rows).RowKey);
    }

    [Fact]
    public async Task An_empty_result_has_no_rows()
    {
        Assert.Empty(await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"none"}")).ToListAsync());
    }

    [Fact]
    public async Task Querying_a_missing_table_fails_with_not_found()
    {
        TableClient missing = azurite.Account.GetTableClient(UniqueName.Table("missing"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(async () => await missing.QueryAsync().ToListAsync());

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task An_invalid_filter_fails_with_bad_request()
    {
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            async () => await table.QueryAsync("PartitionKey eq eq").ToListAsync());

        Assert.Equal(StorageErrorKind.BadRequest, error.Kind);
    }

    private async Task AddRowsAsync(string partitionKey, int count)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(
                TableTransactionActionType.Add,
                new TableEntity(partitionKey, $"r{i:D3}") { ["N"] = (long)i, ["Even"] = i % 2 == 0 })));
        }
    }
}
