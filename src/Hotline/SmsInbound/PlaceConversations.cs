using Hotline.Sms.Phones;
using Hotline.Storage;
using Azure.Data.Tables;

namespace Hotline.SmsInbound;

/// <summary>
/// Callers who were asked for the place of their new case: their next text within the answer window is taken as the
/// place. Key scheme of the smsconversations table: PartitionKey = keyed phone hash (never the number),
/// RowKey = "place". A row past its ExpiresAt counts as gone; the next case of that phone overwrites it.
/// </summary>
public sealed class PlaceConversations(HotlineStorage storage, PhoneHash phoneHash, TimeProvider time)
{
    private const string Row = "place";

    public sealed record Open(string TicketId, string Language, DateTimeOffset ExpiresAt);

    public Task StartAsync(string phone, string ticketId, string language, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(phoneHash.Compute(phone), Row)
        {
            ["TicketId"] = ticketId,
            ["Language"] = language,
            ["ExpiresAt"] = expiresAt,
        };
        return storage.SmsConversations.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The conversation waiting for this phone's answer, or null when there is none or it has expired.</summary>
    public async Task<Open?> FindOpenAsync(string phone, CancellationToken cancellationToken)
    {
        var row = await storage.SmsConversations.GetEntityOrNullAsync(phoneHash.Compute(phone), Row, cancellationToken: cancellationToken);
        if (row?.GetString("TicketId") is not { } ticketId || row.GetDateTimeOffset("ExpiresAt") is not { } expiresAt || expiresAt <= time.GetUtcNow())
        {
            return null;
        }

        return new Open(ticketId, row.GetString("Language") ?? Sms.Templates.SmsLanguage.Chinese, expiresAt);
    }

    public Task EndAsync(string phone, CancellationToken cancellationToken) =>
        storage.SmsConversations.DeleteEntityAsync(phoneHash.Compute(phone), Row, cancellationToken: cancellationToken);
}
