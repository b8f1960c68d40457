using System.Text;
using System.Text.Json;
using Hotline.Storage.Tables;

namespace Hotline.Storage.Tests.Tables;

public sealed class EntityJsonTests
{
    [Fact]
    public void Unannotated_numbers_are_int32_unless_their_text_has_a_point_or_exponent()
    {
        TableEntity entity = Read("""{"PartitionKey":"p","RowKey":"r","I":3,"Neg":-7,"D":2.0,"E":1e3,"Big":3000000000}""");

        Assert.IsType<int>(entity["I"]);
        Assert.Equal(-7, entity["Neg"]);
        Assert.IsType<double>(entity["D"]);
        Assert.Equal(1000.0, entity["E"]);
        Assert.Equal(3000000000L, entity["Big"]);
    }

    [Fact]
    public void Annotations_decide_the_type_whether_they_come_before_or_after_the_value()
    {
        TableEntity entity = Read("""
            {"PartitionKey":"p","RowKey":"r","odata.etag":"W/\"x\"","Timestamp":"2026-11-22T04:24:24.8299626Z",
             "L@odata.type":"Edm.Int64","L":"9007199254740993",
             "N":"NaN","N@odata.type":"Edm.Double",
             "W":"2024-02-29T13:14:15.1234567Z","W@odata.type":"Edm.DateTime",
             "G@odata.type":"Edm.Guid","G":"8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21",
             "B@odata.type":"Edm.Binary","B":"AQID/w=="}
            """);

        Assert.Equal(9007199254740993L, entity["L"]);
        Assert.True(double.IsNaN((double)entity["N"]!));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.Zero).AddTicks(1234567), entity["W"]);
        Assert.Equal(Guid.Parse("8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21"), entity["G"]);
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, entity["B"]);
        Assert.Equal(new ETag("W/\"x\""), entity.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 4, 24, 24, TimeSpan.Zero).AddTicks(8299626), entity.Timestamp);
        Assert.Equal(5, entity.Count);
    }

    [Fact]
    public void Writing_annotates_int64_as_a_string_and_doubles_always()
    {
        var entity = new TableEntity("p", "r")
        {
            ["L"] = 9007199254740993L, ["D"] = 2.0, ["Inf"] = double.NegativeInfinity, ["I"] = 2, ["S"] = "中",
            ["W"] = new DateTimeOffset(2024, 2, 29, 15, 14, 15, TimeSpan.FromHours(2)),
        };

        string json = Encoding.UTF8.GetString(EntityJson.Write(entity));

        Assert.Equal(
            """{"PartitionKey":"p","RowKey":"r","L":"9007199254740993","L@odata.type":"Edm.Int64","D":2,"D@odata.type":"Edm.Double","Inf":"-Infinity","Inf@odata.type":"Edm.Double","I":2,"S":"中","W":"2024-02-29T13:14:15.0000000Z","W@odata.type":"Edm.DateTime"}""",
            json);
    }

    private static TableEntity Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return EntityJson.Read(document.RootElement, etagHeader: null);
    }
}
