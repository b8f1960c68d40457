using Hotline.Storage.Tables;

namespace Hotline.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void String_arguments_are_quoted_with_inner_quotes_doubled()
    {
        string name = "O'Brien' or 'a' eq 'a";

        Assert.Equal("Name eq 'O''Brien'' or ''a'' eq ''a'", TableFilter.Create($"Name eq {name}"));
    }

    [Fact]
    public void Each_type_becomes_its_odata_literal()
    {
        var when = new DateTimeOffset(2024, 2, 29, 15, 14, 15, TimeSpan.FromHours(2)).AddTicks(1234567);
        var id = Guid.Parse("8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21");

        string filter = TableFilter.Create($"A eq {5} and B eq {5L} and C eq {2.0} and D eq {2.5} and E eq {true} and F lt {when} and G eq {id} and H eq {new byte[] { 0xAB, 1 }}");

        Assert.Equal(
            "A eq 5 and B eq 5L and C eq 2.0 and D eq 2.5 and E eq true and F lt datetime'2024-02-29T13:14:15.1234567Z' " +
            "and G eq guid'8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21' and H eq X'ab01'",
            filter);
    }

    [Fact]
    public void Literals_do_not_depend_on_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("D eq 1.5 and I eq 1000000", TableFilter.Create($"D eq {1.5} and I eq {1000000}"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Null_and_unsupported_arguments_are_rejected()
    {
        string? nothing = null;

        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {nothing}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {1.5m}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {double.NaN}"));
    }
}
