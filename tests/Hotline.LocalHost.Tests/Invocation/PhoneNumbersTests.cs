using Hotline.LocalHost.Invocation;

namespace Hotline.LocalHost.Tests.Invocation;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("caller 13900001234 wrote", "caller *********34 wrote")]
    [InlineData("+8613900001234", "+***********34")]
    [InlineData("电话13900001234。", "电话*********34。")]
    [InlineData("{\"phone\":\"13900001234\"}", "{\"phone\":\"*********34\"}")]
    [InlineData("short 123456 stays", "short 123456 stays")]
    [InlineData("id cfd599c4-d12b-4b84-b8b6-36810536ee77", "id cfd599c4-d12b-4b84-b8b6-36810536ee77")]
    [InlineData("at 2026-12-01T09:20:43.0000000+00:00", "at 2026-12-01T09:20:43.0000000+00:00")]
    public void Long_digit_runs_are_masked_but_ids_and_times_stay_readable(string text, string expected)
    {
        Assert.Equal(expected, PhoneNumbers.Mask(text));
    }
}
