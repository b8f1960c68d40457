using Hotline.Callback;

namespace Hotline.Tests.Callback;

public sealed class SurveyRatingTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("5", 5)]
    [InlineData(" 3 ", 3)]
    [InlineData("２", 2)]
    [InlineData("\u3000５\u3000", 5)]
    [InlineData("一", 1)]
    [InlineData("四", 4)]
    public void A_lone_digit_or_numeral_is_a_rating(string body, int expected)
    {
        Assert.True(SurveyRating.TryParse(body, out var rating));
        Assert.Equal(expected, rating);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("六")]
    [InlineData("55")]
    [InlineData("5分")]
    [InlineData("1 2")]
    public void Anything_else_is_not(string body)
    {
        Assert.False(SurveyRating.TryParse(body, out _));
    }
}
