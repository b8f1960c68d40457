using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Hotline.Officers;

/// <summary>
/// Officer bearer tokens: "hlo_" and 32 random bytes in base64url. The prefix lets secret scanners and people
/// recognise a leaked token; only the SHA-256 of the whole token is stored, so a copy of the table grants nothing.
/// </summary>
public static class OfficerTokenFormat
{
    public const string Prefix = "hlo_";
    private const int SecretBytes = 32;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>43 base64url characters (no padding) for 32 bytes.</summary>
    public static readonly int Length = Prefix.Length + Base64Url.GetEncodedLength(SecretBytes);

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Lower-case hex SHA-256 of the token; also the key it is looked up by.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Shape check before any storage call, so garbage in an Authorization header costs nothing.</summary>
    public static bool IsWellFormed(string? token) =>
        token is not null
        && token.Length == Length
        && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64UrlAlphabet) < 0;

}
