using System.Text.Json;
using Hotline.Storage.Tables;
using Hotline.Testing;

namespace Hotline.Storage.Tests.CrossCheck;

/// <summary>Entities written by our client read by the official JS SDK with the right types, and the other way round.</summary>
public sealed class TableCrossCheckTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private readonly TableClient table = azurite.Account.GetTableClient(UniqueName.Table("cross"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteIfExistsAsync();

    [Fact]
    public async Task The_js_sdk_reads_our_entity_with_the_right_types()
    {
        await table.AddEntityAsync(new TableEntity("中文 'p'", "r&k+=%ü")
        {
            ["Text"] = "工资拖欠 \"q\"",
            ["Small"] = 42,
            ["Big"] = (1L << 53) + 1,
            ["Fraction"] = 3.25,
            ["Whole"] = 2.0,
            ["Flag"] = true,
            ["When"] = new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.Zero).AddTicks(1234567),
            ["Id"] = Guid.Parse("8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21"),
            ["Bytes"] = new byte[] { 0, 1, 2, 250, 255 },
        });

        JsonElement read = await NodeScript.RunAsync("tables.mjs", "read", azurite.ConnectionString, table.Name, "中文 'p'", "r&k+=%ü");
        JsonElement converted = read.GetProperty("converted");
        JsonElement raw = read.GetProperty("raw");

        Assert.Equal("工资拖欠 \"q\"", converted.GetProperty("Text").GetProperty("value").GetString());
        Assert.Equal(("bigint", "9007199254740993"), Describe(converted, "Big"));
        Assert.Equal(42, converted.GetProperty("Small").GetProperty("value").GetInt32());
        Assert.Equal(3.25, converted.GetProperty("Fraction").GetProperty("value").GetDouble());
        Assert.Equal(2, converted.GetProperty("Whole").GetProperty("value").GetDouble());
        Assert.True(converted.GetProperty("Flag").GetProperty("value").GetBoolean());
        Assert.Equal(("Date", "2024-02-29T13:14:15.123Z"), Describe(converted, "When"));
        Assert.Equal(("Guid", "8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21"), Describe(converted, "Id"));
        Assert.Equal(("Uint8Array", "AAEC+v8="), Describe(converted, "Bytes"));

        // Without conversion the SDK shows the Edm types from the annotations, and every digit of the DateTime.
        Assert.Equal(("Int64", "9007199254740993"), Describe(raw, "Big"));
        Assert.Equal(("DateTime", "2024-02-29T13:14:15.1234567Z"), Describe(raw, "When"));
        Assert.Equal(("Guid", "8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21"), Describe(raw, "Id"));
        Assert.Equal(("Binary", "AAEC+v8="), Describe(raw, "Bytes"));
        Assert.Equal(("Double", "3.25"), Describe(raw, "Fraction"));
        Assert.Equal(("Int32", "42"), Describe(raw, "Small"));
    }

    [Fact]
    public async Task Our_client_reads_a_js_written_entity_with_the_right_types()
    {
        await NodeScript.RunAsync("tables.mjs", "write", azurite.ConnectionString, table.Name, "p", "from-js");

        TableEntity read = (await table.GetEntityIfExistsAsync("p", "from-js"))!;

        Assert.Equal("工资拖欠 'quoted' & <tags>", read["Text"]);
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(42, read["Small"]);
        Assert.Equal(9007199254740993L, read["BigInt"]);
        Assert.Equal(long.MinValue, read["Int64Object"]);
        Assert.Equal(3.25, read["Fraction"]);
        Assert.Equal(2.0, Assert.IsType<double>(read["WholeDouble"]));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 13, 14, 15, 123, TimeSpan.Zero), read["When"]);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.Zero).AddTicks(1234567), read["WhenPrecise"]);
        Assert.Equal(Guid.Parse("8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21"), read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, read["Bytes"]);
    }

    [Fact]
    public async Task A_js_filter_on_int64_finds_rows_from_our_transaction()
    {
        await table.SubmitTransactionAsync(Enumerable.Range(0, 5).Select(i => new TableTransactionAction(
            TableTransactionActionType.Add, new TableEntity("b", $"r{i}") { ["N"] = (1L << 53) + i })));

        JsonElement listed = await NodeScript.RunAsync("tables.mjs", "list", azurite.ConnectionString, table.Name, "N eq 9007199254740995L");

        JsonElement row = Assert.Single(listed.GetProperty("rows").EnumerateArray());
        Assert.Equal(("bigint", "9007199254740995"), Describe(row, "N"));
        Assert.Equal("r3", row.GetProperty("rowKey").GetProperty("value").GetString());
    }

    private static (string Kind, string? Value) Describe(JsonElement entity, string name)
    {
        JsonElement property = entity.GetProperty(name);
        JsonElement value = property.GetProperty("value");
        return (property.GetProperty("kind").GetString()!, value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
    }
}
