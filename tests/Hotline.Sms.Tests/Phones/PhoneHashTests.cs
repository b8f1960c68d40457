using System.Security.Cryptography;
using System.Text;
using Hotline.Sms.Phones;

namespace Hotline.Sms.Tests.Phones;

public sealed class PhoneHashTests
{
    private const string Key = "test-key-0123456789abcdef";

    [Fact]
    public void Hash_is_truncated_lower_hex_hmac_sha256_of_the_number()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes("+8613912345678")))[..32];
        Assert.Equal(expected, new PhoneHash(Key).Compute("+8613912345678"));
    }

    [Fact]
    public void Hash_is_stable_per_key_and_differs_between_numbers_and_keys()
    {
        var hash = new PhoneHash(Key);
        Assert.Equal(hash.Compute("+8613912345678"), hash.Compute("+8613912345678"));
        Assert.NotEqual(hash.Compute("+8613912345678"), hash.Compute("+8613912345679"));
        Assert.NotEqual(hash.Compute("+8613912345678"), new PhoneHash("another-key-0123456789").Compute("+8613912345678"));
    }

    [Fact]
    public void Hash_length_can_be_chosen_within_bounds()
    {
        var hash = new PhoneHash(Key);
        Assert.Equal(16, hash.Compute("+8613912345678", 16).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => hash.Compute("+8613912345678", 4));
    }

    [Fact]
    public void Short_keys_are_refused() =>
        Assert.Throws<ArgumentException>(() => new PhoneHash("short"));
}
