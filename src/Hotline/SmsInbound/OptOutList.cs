using Hotline.Sms.Phones;
using Hotline.Storage;
using Azure.Data.Tables;

namespace Hotline.SmsInbound;

/// <summary>
/// Phones that asked for no more texts (SPEC "SMS": 退订 / STOP, undone by 订阅 / START), and phones Twilio refused with
/// 21610 because the person opted out with Twilio itself (https://www.twilio.com/docs/api/errors/21610). Key scheme
/// of the smsoptouts table: PartitionKey = keyed phone hash, RowKey = "optout"; the number itself is never stored.
/// </summary>
public sealed class OptOutList(HotlineStorage storage, PhoneHash phoneHash, TimeProvider time)
{
    private const string Row = "optout";

    /// <summary>Where an opt-out came from: the person's own keyword, or Twilio's refusal of a send.</summary>
    public const string ByKeyword = "keyword";
    public const string ByCarrierRefusal = "21610";

    public async Task<bool> IsOptedOutAsync(string phone, CancellationToken cancellationToken) =>
        Key(phone) is { } key && await storage.SmsOptOuts.GetEntityOrNullAsync(key, Row, cancellationToken: cancellationToken) is not null;

    public Task OptOutAsync(string phone, string source, CancellationToken cancellationToken)
    {
        if (Key(phone) is not { } key)
        {
            return Task.CompletedTask;
        }

        // Upsert: saying STOP twice, or Twilio confirming it with 21610, leaves one row.
        var row = new TableEntity(key, Row) { ["OptedOutAt"] = time.GetUtcNow(), ["Source"] = source };
        return storage.SmsOptOuts.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public Task OptInAsync(string phone, CancellationToken cancellationToken) =>
        Key(phone) is { } key ? storage.SmsOptOuts.DeleteEntityAsync(key, Row, cancellationToken: cancellationToken) : Task.CompletedTask;

    // Any spelling of a number counts as the same phone; something that is no phone number cannot be texted anyway.
    private string? Key(string phone) => PhoneNumber.TryNormalize(phone, out var e164) ? phoneHash.Compute(e164) : null;
}
