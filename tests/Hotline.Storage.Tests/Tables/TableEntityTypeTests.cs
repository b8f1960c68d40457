using Hotline.Storage.Tables;
using Hotline.Testing;

namespace Hotline.Storage.Tests.Tables;

public sealed class TableEntityTypeTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private static readonly DateTimeOffset When = new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.Zero).AddTicks(1234567);
    private static readonly Guid Id = Guid.Parse("8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21");

    private readonly TableClient table = azurite.Account.GetTableClient(UniqueName.Table("types"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteIfExistsAsync();

    [Fact]
    public async Task Every_property_type_round_trips_through_get_and_query()
    {
        var entity = new TableEntity("p", "r")
        {
            ["Str"] = "工资 \"quoted\" \\ / \u00e9",
            ["Empty"] = string.Empty,
            ["I32"] = -42,
            ["I32Max"] = int.MaxValue,
            ["I64Big"] = (1L << 53) + 1,
            ["I64Min"] = long.MinValue,
            ["I64Small"] = 5L,
            ["Dbl"] = 3.25,
            ["DblWhole"] = 2.0,
            ["DblNeg"] = -1e-300,
            ["DblHuge"] = 1.7976931348623157e308,
            ["Nan"] = double.NaN,
            ["PosInf"] = double.PositiveInfinity,
            ["NegInf"] = double.NegativeInfinity,
            ["Yes"] = true,
            ["No"] = false,
            ["When"] = When,
            ["Id"] = Id,
            ["Bin"] = new byte[] { 0, 1, 2, 250, 255 },
            ["NoBytes"] = Array.Empty<byte>(),
        };

        await table.AddEntityAsync(entity);
        TableEntity got = (await table.GetEntityIfExistsAsync("p", "r"))!;
        TableEntity queried = Assert.Single(await table.QueryAsync().ToListAsync());

        foreach (TableEntity read in new[] { got, queried })
        {
            Assert.Equal(entity.Count, read.Count);
            foreach ((string name, object? value) in entity)
            {
                Assert.True(read.ContainsKey(name), name);
                Assert.Equal(value!.GetType(), read[name]!.GetType());
                Assert.Equal(value, read[name]);
            }
        }
    }

    [Fact]
    public async Task A_whole_double_stays_a_double()
    {
        await table.AddEntityAsync(new TableEntity("p", "r") { ["D"] = 2.0 });

        TableEntity read = (await table.GetEntityIfExistsAsync("p", "r"))!;

        Assert.IsType<double>(read["D"]);
        Assert.Equal(2.0, read.GetDouble("D"));
        Assert.Single(await table.QueryAsync(TableFilter.Create($"D eq {2.0}")).ToListAsync());
    }

    [Fact]
    public async Task An_int64_above_2_pow_53_keeps_every_digit_and_can_be_filtered()
    {
        long big = 9007199254740993;
        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = big });
        await table.AddEntityAsync(new TableEntity("p", "s") { ["N"] = big - 1 });

        TableEntity match = Assert.Single(await table.QueryAsync(TableFilter.Create($"N eq {big}")).ToListAsync());

        Assert.Equal("r", match.RowKey);
        Assert.Equal(big, match.GetInt64("N"));
    }

    [Fact]
    public async Task A_datetime_is_stored_in_utc_with_seven_digits_whatever_the_offset()
    {
        var local = new DateTimeOffset(2024, 2, 29, 15, 14, 15, TimeSpan.FromHours(2)).AddTicks(1234567);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["W"] = local });

        TableEntity read = (await table.GetEntityIfExistsAsync("p", "r"))!;
        DateTimeOffset stored = read.GetDateTimeOffset("W")!.Value;

        Assert.Equal(When, stored);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(When.UtcTicks, stored.UtcTicks);
        Assert.Single(await table.QueryAsync(TableFilter.Create($"W eq {When}")).ToListAsync());
        // Azurite compares datetimes in filters to the millisecond only, so the range is wider than a tick.
        Assert.Single(await table.QueryAsync(TableFilter.Create($"W gt {When.AddSeconds(-1)} and W lt {When.AddSeconds(1)}")).ToListAsync());
    }

    [Fact]
    public async Task Guid_and_binary_can_be_filtered()
    {
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Id"] = Id, ["Bin"] = new byte[] { 1, 2, 3 } });
        await table.AddEntityAsync(new TableEntity("p", "s") { ["Id"] = Guid.NewGuid(), ["Bin"] = new byte[] { 1, 2, 4 } });

        Assert.Equal("r", Assert.Single(await table.QueryAsync(TableFilter.Create($"Id eq {Id}")).ToListAsync()).RowKey);
        Assert.Equal("r", Assert.Single(await table.QueryAsync(TableFilter.Create($"Bin eq {new byte[] { 1, 2, 3 }}")).ToListAsync()).RowKey);
    }

    [Fact]
    public async Task A_null_property_is_not_stored_and_a_merge_with_null_keeps_the_old_value()
    {
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["Gone"] = null });

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = null, ["B"] = "b" }, ETag.All, TableUpdateMode.Merge);

        TableEntity read = (await table.GetEntityIfExistsAsync("p", "r"))!;
        Assert.False(read.ContainsKey("Gone"));
        Assert.Equal("a", read.GetString("A"));
        Assert.Equal("b", read.GetString("B"));
    }

    [Fact]
    public async Task Typed_getters_reject_another_type_and_widen_whole_numbers()
    {
        await table.AddEntityAsync(new TableEntity("p", "r") { ["I"] = 7, ["S"] = "x" });

        TableEntity read = (await table.GetEntityIfExistsAsync("p", "r"))!;

        Assert.Equal(7L, read.GetInt64("I"));
        Assert.Equal(7.0, read.GetDouble("I"));
        Assert.Null(read.GetString("Missing"));
        Assert.Throws<InvalidOperationException>(() => read.GetInt32("S"));
        Assert.Throws<InvalidOperationException>(() => read.GetString("I"));
    }
}
