using System.Text;

namespace Hotline.Storage.Queues;

internal static class QueueMessageText
{
    /// <summary>
    /// The service limit: the MessageText (after XML unescaping, so base64 text when encoded) may be at most
    /// 64 KiB of UTF-8, which leaves 48 KiB for base64-encoded payloads.
    /// https://learn.microsoft.com/rest/api/storageservices/put-message#request-body
    /// </summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string text, QueueMessageEncoding encoding) => encoding switch
    {
        QueueMessageEncoding.Base64 => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)),
        QueueMessageEncoding.None => text,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown message encoding."),
    };

    public static bool TryDecode(string raw, QueueMessageEncoding encoding, out string text)
    {
        if (encoding == QueueMessageEncoding.None)
        {
            text = raw;
            return true;
        }

        text = string.Empty;
        byte[] buffer = new byte[raw.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(raw, buffer, out int written))
        {
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(buffer, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
