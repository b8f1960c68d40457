using System.Security.Cryptography;
using System.Text;

namespace Hotline.Sms.Twilio;

/// <summary>
/// Twilio's webhook signature (https://www.twilio.com/docs/usage/webhooks/webhooks-security): Base64(HMAC-SHA1(authToken,
/// url + each form parameter as name+value)), names sorted ordinally, each name's distinct values sorted ordinally
/// (twilio-node webhooks.js; twilio-csharp RequestValidator.cs).
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    /// <param name="url">The full URL exactly as Twilio requested it, query string included, not re-encoded.</param>
    /// <param name="formParams">The decoded POST form fields; none for a GET.</param>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? formParams)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(url);

        var data = new StringBuilder(url);
        if (formParams is not null)
        {
            // Ordinal, not culture, ordering: the culture comparer puts "Caller" before "CallSid" and breaks even Twilio's own example.
            foreach (var group in formParams.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                foreach (var value in group.Select(p => p.Value ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    data.Append(group.Key).Append(value);
                }
            }
        }

        // Twilio's scheme fixes SHA-1; HMAC-SHA1 is still a sound MAC.
#pragma warning disable CA5350
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// True when <paramref name="signature"/> is Twilio's signature of the request, for the URL as given or with its
    /// port removed or the scheme's default port added: Twilio's own URLs are inconsistent about ports, and its helper
    /// libraries accept all three (twilio-csharp RequestValidator.Validate).
    /// </summary>
    public static bool Matches(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? formParams, string? signature)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var parameters = formParams?.ToList();
        var expected = Encoding.UTF8.GetBytes(signature);
        var match = false;
        foreach (var candidate in UrlVariants(url))
        {
            // Every variant is computed and compared in constant time, so timing does not tell which one matched.
            match |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Compute(authToken, candidate, parameters)), expected);
        }

        return match;
    }

    /// <summary>The URL as given, without its port, and with the scheme's default port when it has none.</summary>
    internal static IReadOnlyList<string> UrlVariants(string url)
    {
        var variants = new List<string> { url };
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return variants;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var hostStart = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) + 1;
        if (hostStart == 0)
        {
            hostStart = authorityStart;
        }

        var hostPort = url[hostStart..authorityEnd];
        var bracket = hostPort.LastIndexOf(']');
        var colon = hostPort.LastIndexOf(':');
        var portColon = colon > bracket ? hostStart + colon : -1;

        if (portColon >= 0)
        {
            variants.Add(string.Concat(url.AsSpan(0, portColon), url.AsSpan(authorityEnd)));
        }
        else
        {
            var scheme = url[..schemeEnd];
            var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? ":443"
                : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? ":80"
                : null;
            if (defaultPort is not null)
            {
                variants.Add(string.Concat(url.AsSpan(0, authorityEnd), defaultPort, url.AsSpan(authorityEnd)));
            }
        }

        return variants;
    }
}
