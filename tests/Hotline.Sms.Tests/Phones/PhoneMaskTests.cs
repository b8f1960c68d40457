using Hotline.Sms.Phones;

namespace Hotline.Sms.Tests.Phones;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("+8613912345678", "+86139****5678")]
    [InlineData("+14155552671", "+1415***2671")]
    [InlineData("+442079460958", "+44207***0958")]
    [InlineData("+85291234567", "+85291****67")]
    [InlineData("+1234567", "+1****67")] // national number too short to show both ends
    public void Mask_keeps_country_code_and_the_ends_of_the_national_number(string e164, string expected) =>
        Assert.Equal(expected, PhoneMask.Mask(e164));

    [Theory]
    [InlineData("+8613912345678")]
    [InlineData("+14155552671")]
    [InlineData("+123456789012345")]
    [InlineData("+1234567")]
    public void Mask_never_shows_the_whole_number(string e164)
    {
        var masked = PhoneMask.Mask(e164);
        Assert.Contains('*', masked);
        Assert.DoesNotContain(e164[1..], masked, StringComparison.Ordinal);
        Assert.Equal(e164.Length, masked.Length);
    }

    [Theory]
    [InlineData(null, "(none)")]
    [InlineData("", "(none)")]
    [InlineData("13912345678", "*********78")]
    [InlineData("garbage", "*****ge")]
    [InlineData("+86", "+**")]
    public void Mask_hides_what_is_not_e164(string? value, string expected) =>
        Assert.Equal(expected, PhoneMask.Mask(value));

    [Fact]
    public void Redact_masks_phone_numbers_inside_free_text()
    {
        var redacted = PhoneMask.Redact("The 'To' number +8613912345678 is not valid; also 13987654321 and ticket K7M3QX, code 21211.");
        Assert.Equal("The 'To' number +86139****5678 is not valid; also 139****4321 and ticket K7M3QX, code 21211.", redacted);
    }

    [Theory]
    [InlineData("电话 139 8765 4321。", "电话 139****4321。")]
    [InlineData("电话139-8765-4321", "电话139****4321")]
    [InlineData("Call +86 139 8765 4321 now", "Call +86139****4321 now")]
    [InlineData("电话１３９８７６５４３２１", "电话139****4321")]
    [InlineData("座机0931-8765432", "座机093****5432")]
    [InlineData("2026-12-01 10:20，欠薪3000元，共计12000元", "2026-12-01 10:20，欠薪3000元，共计12000元")]
    public void Redact_masks_numbers_written_with_spaces_dashes_or_full_width_digits_and_leaves_dates_and_amounts(string text, string expected) =>
        Assert.Equal(expected, PhoneMask.Redact(text));
}
