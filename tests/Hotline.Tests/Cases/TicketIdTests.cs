using Hotline.Cases;

namespace Hotline.Tests.Cases;

public sealed class TicketIdTests
{
    [Fact]
    public void New_ids_use_only_unambiguous_characters_and_fit_a_phone_screen()
    {
        for (var i = 0; i < 1000; i++)
        {
            var id = TicketId.New();
            Assert.Equal(8, id.Length);
            Assert.DoesNotContain(id, c => c is '0' or 'O' or '1' or 'I' or 'L');
        }
    }

    [Theory]
    [InlineData("k7m3qx2p", "K7M3QX2P")]
    [InlineData(" K7M3-QX2P ", "K7M3QX2P")]
    [InlineData("K7M3 QX2P", "K7M3QX2P")]
    public void What_a_caller_types_is_normalised(string typed, string expected)
    {
        Assert.Equal(expected, TicketId.Normalize(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7M3QX2")]
    [InlineData("K7M3QX2PP")]
    [InlineData("K7M3QX2O")]
    [InlineData("K7M3QX21")]
    [InlineData("'; drop--")]
    public void Anything_else_is_not_a_ticket_id(string? typed)
    {
        Assert.Null(TicketId.Normalize(typed));
    }
}
