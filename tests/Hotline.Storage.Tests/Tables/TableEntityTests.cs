using Hotline.Storage.Tables;

namespace Hotline.Storage.Tests.Tables;

public sealed class TableEntityTests
{
    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("RowKey")]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    public void System_properties_cannot_be_set_through_the_dictionary(string name)
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity[name] = "x");
    }

    [Fact]
    public void Unsupported_value_types_are_rejected_when_set()
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["D"] = DateTime.UtcNow);
        Assert.Throws<ArgumentException>(() => entity["M"] = 1.5m);
        Assert.Throws<ArgumentException>(() => entity.Add("F", 1.5f));
        Assert.Throws<ArgumentException>(() => entity["U"] = new Uri("https://example.com"));
    }

    [Fact]
    public void Supported_value_types_are_accepted()
    {
        var entity = new TableEntity("p", "r")
        {
            ["S"] = "s", ["B"] = true, ["I"] = 1, ["L"] = 1L, ["D"] = 1.0,
            ["T"] = DateTimeOffset.UnixEpoch, ["G"] = Guid.Empty, ["X"] = new byte[1], ["N"] = null,
        };

        Assert.Equal(9, entity.Count);
        Assert.Null(entity["Absent"]);
    }
}
