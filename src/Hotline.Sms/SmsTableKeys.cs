using System.Globalization;
using System.Text;

namespace Hotline.Sms;

/// <summary>
/// The key scheme of the SMS tables (outbox and ledger): one entity per message key, partition = the key,
/// so a send is a point read and an insert that conflicts when the key was seen before.
/// </summary>
internal static class SmsTableKeys
{
    public const string RowKey = "sms";

    /// <summary>
    /// The message key with the characters the Table service forbids in keys ('/', '\', '#', '?') and '%' itself
    /// percent-escaped (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#characters-disallowed-in-key-fields).
    /// Control characters never get here: <see cref="OutgoingSms.Problem"/> rejects them.
    /// </summary>
    public static string PartitionKey(string messageKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageKey);
        if (messageKey.AsSpan().IndexOfAny("%/\\#?") < 0)
        {
            return messageKey;
        }

        var sb = new StringBuilder(messageKey.Length + 8);
        foreach (var c in messageKey)
        {
            if (c is '%' or '/' or '\\' or '#' or '?')
            {
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
