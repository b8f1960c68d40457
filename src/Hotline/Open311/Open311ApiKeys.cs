using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hotline.Open311;

/// <summary>
/// Checks a POST's <c>api_key</c>. Only SHA-256 digests of the configured keys are kept in memory, and a key is
/// compared digest to digest in constant time, so neither the answer's timing nor a memory dump gives a key away.
/// </summary>
public sealed class Open311ApiKeys(IOptions<Open311Options> options)
{
    private readonly byte[][] _digests = [.. options.Value.Keys().Select(Digest)];

    /// <summary>False when no key is configured: then no key is right.</summary>
    public bool Any => _digests.Length > 0;

    public bool IsValid(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 1000)
        {
            return false;
        }

        var digest = Digest(apiKey);
        var valid = false;

        // Every configured key is compared, so the time taken does not tell which one (or whether an early one) matched.
        foreach (var known in _digests)
        {
            valid |= CryptographicOperations.FixedTimeEquals(known, digest);
        }

        return valid;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
