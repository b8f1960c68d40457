using System.Security.Cryptography;
using System.Text;

namespace Hotline.Sms.Phones;

/// <summary>
/// A keyed, truncated hash of an E.164 number: lets logs and storage keys correlate one phone's messages
/// without holding the number in clear. Keyed (HMAC) because the space of mobile numbers is small enough
/// to brute-force a plain SHA-256.
/// </summary>
public sealed class PhoneHash
{
    /// <summary>Hex characters kept: 128 bits, so collisions stay negligible for any realistic number of phones.</summary>
    public const int DefaultHexLength = 32;

    private readonly byte[] _key;

    public PhoneHash(ReadOnlySpan<byte> key)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException("The phone hash key must be at least 16 bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Uses the UTF-8 bytes of a configured secret string as the key.</summary>
    public PhoneHash(string key)
        : this(Encoding.UTF8.GetBytes(key ?? throw new ArgumentNullException(nameof(key))))
    {
    }

    /// <summary>Lower-case hex of HMAC-SHA256(key, e164), truncated to <paramref name="hexLength"/> characters.</summary>
    public string Compute(string e164, int hexLength = DefaultHexLength) => Compute(_key, e164, hexLength);

    public static string Compute(ReadOnlySpan<byte> key, string e164, int hexLength = DefaultHexLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(e164);
        ArgumentOutOfRangeException.ThrowIfLessThan(hexLength, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hexLength, 64);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(e164), mac);
        return Convert.ToHexStringLower(mac)[..hexLength];
    }
}
