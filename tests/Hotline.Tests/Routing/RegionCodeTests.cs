using Hotline.Routing.Directory;

namespace Hotline.Tests.Routing;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("620000", "62")]
    [InlineData("621100", "6211")]
    [InlineData("621124", "621124")]
    [InlineData(" 621124 ", "621124")]
    [InlineData("621124100", "621124100")]
    [InlineData("621124000", "621124")]
    [InlineData("621123100001", "621123100001")]
    [InlineData("621124100000", "621124100")]
    [InlineData("420381001", "420381001")]
    [InlineData("621100100", "621100100")] // only trailing zero segments pad
    public void Codes_compare_without_their_trailing_zero_segments(string code, string significant)
    {
        Assert.True(RegionCode.TryNormalize(code, out var actual));
        Assert.Equal(significant, actual);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("62")]
    [InlineData("62112")]
    [InlineData("6211240")]
    [InlineData("62112410")]
    [InlineData("6211241001")]
    [InlineData("6211241000011")]
    [InlineData("62112a")]
    [InlineData("６２１１２４")] // full-width digits are not digits here
    [InlineData("001124")]
    [InlineData("991124")]
    [InlineData("-621124")]
    public void Malformed_codes_are_refused(string? code)
    {
        Assert.False(RegionCode.TryNormalize(code, out _));
    }

    [Theory]
    [InlineData("62", "62")]
    [InlineData("6211", "6211")]
    [InlineData("621100", "6211")]
    [InlineData("621124", "621124")]
    [InlineData("621124100", "621124100")]
    public void Rule_prefixes_are_whole_segments(string prefix, string significant)
    {
        Assert.True(RegionCode.TryNormalizePrefix(prefix, out var actual));
        Assert.Equal(significant, actual);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("621")]
    [InlineData("62112")]
    [InlineData("6211241")]
    [InlineData("")]
    [InlineData("*")]
    public void Rule_prefixes_that_cut_a_segment_are_refused(string prefix)
    {
        Assert.False(RegionCode.TryNormalizePrefix(prefix, out _));
    }

    [Fact]
    public void Prefixes_of_a_code_run_from_longest_to_shortest()
    {
        Assert.Equal(["621124100201", "621124100", "621124", "6211", "62"], RegionCode.PrefixesLongestFirst("621124100201"));
    }
}
