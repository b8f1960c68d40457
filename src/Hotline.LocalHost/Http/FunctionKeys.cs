using System.Security.Cryptography;
using System.Text;

namespace Hotline.LocalHost.Http;

/// <summary>
/// The local keys: the master key (admin level, and any function) and one default function key (function level).
/// https://learn.microsoft.com/azure/azure-functions/function-keys-how-to
/// </summary>
internal sealed record FunctionKeys(string MasterKey, string FunctionKey)
{
    public static FunctionKeys Generate() => new(NewKey(), NewKey());

    /// <summary>Whether <paramref name="presented"/> grants <paramref name="level"/>; compared in constant time.</summary>
    public bool Grants(AuthLevel level, string? presented) => level switch
    {
        AuthLevel.Anonymous => true,
        AuthLevel.Function => Matches(presented, MasterKey) || Matches(presented, FunctionKey),
        AuthLevel.Admin => Matches(presented, MasterKey),
        _ => false,
    };

    /// <summary>URL-safe so that <c>?code=</c> needs no escaping.</summary>
    private static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(40)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static bool Matches(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
