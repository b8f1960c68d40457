using Hotline.Sms.Phones;

namespace Hotline.Sms.Tests.Phones;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13912345678", "+8613912345678")]
    [InlineData("139 1234 5678", "+8613912345678")]
    [InlineData("139-1234-5678", "+8613912345678")]
    [InlineData(" 139 1234-5678 ", "+8613912345678")]
    [InlineData("+86 139 1234 5678", "+8613912345678")]
    [InlineData("+86-13912345678", "+8613912345678")]
    [InlineData("008613912345678", "+8613912345678")]
    [InlineData("0086 139 1234 5678", "+8613912345678")]
    [InlineData("8613912345678", "+8613912345678")]
    [InlineData("86 139 1234 5678", "+8613912345678")]
    [InlineData("１３９１２３４５６７８", "+8613912345678")]
    [InlineData("＋８６ １３９１２３４５６７８", "+8613912345678")]
    [InlineData("19912345678", "+8619912345678")]
    [InlineData("16612345678", "+8616612345678")]
    public void Chinese_mobiles_in_common_spellings_become_plus_86(string input, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("+14155552671", "+14155552671")]
    [InlineData("+1 (415) 555-2671", "+14155552671")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+85291234567", "+85291234567")]
    [InlineData("+1234567", "+1234567")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void Other_international_numbers_are_accepted_in_e164(string input, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12912345678")] // 12x is not a mobile range
    [InlineData("1391234567")] // 10 digits
    [InlineData("139123456789")] // 12 digits
    [InlineData("23912345678")]
    [InlineData("+8601012345678")] // a Beijing landline: cannot receive SMS
    [InlineData("+861012345678")]
    [InlineData("+0123456789")] // country codes never start with 0
    [InlineData("+123456")] // too short
    [InlineData("+1234567890123456")] // 16 digits
    [InlineData("4155552671")] // national US number: ambiguous without +1
    [InlineData("+86 139 1234 567a")]
    [InlineData("139.1234.5678x")]
    [InlineData("++8613912345678")]
    [InlineData("139+12345678")]
    [InlineData("tel:13912345678")]
    [InlineData("00441234567890")] // international prefix only understood for China
    public void Anything_else_is_rejected(string? input)
    {
        Assert.False(PhoneNumber.TryNormalize(input, out var e164));
        Assert.Null(e164);
    }

    [Fact]
    public void Overlong_input_is_rejected_without_parsing()
    {
        Assert.False(PhoneNumber.TryNormalize(new string('1', 10_000), out _));
    }

    [Theory]
    [InlineData("+8613912345678", true)]
    [InlineData("+14155552671", true)]
    [InlineData("13912345678", false)]
    [InlineData("+86 139 1234 5678", false)]
    [InlineData(null, false)]
    public void IsE164_accepts_only_the_canonical_form(string? value, bool expected) =>
        Assert.Equal(expected, PhoneNumber.IsE164(value));
}
