using System.Security.Cryptography;
using System.Text;

namespace Hotline.Testing;

/// <summary>
/// Signs a webhook as Twilio does (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
/// Base64(HMAC-SHA1(authToken, url + each form field as name + value, names in ordinal order)). The Twilio SDK only
/// validates signatures, so the tests that play Twilio sign with this; its own tests check it against Twilio's
/// published vectors.
/// </summary>
public static class TwilioWebhookSigner
{
    public const string HeaderName = "X-Twilio-Signature";

    /// <param name="url">The full URL as Twilio calls it, query string included, exactly as sent.</param>
    /// <param name="fields">The decoded form fields, each name once.</param>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(fields);

        var data = new StringBuilder(url);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        // Twilio's scheme fixes SHA-1.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }
}
