using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Hotline.Sms;

/// <summary>
/// The SMS feature's tables, on the app's one registered <see cref="TableServiceClient"/>: the app creates them at
/// start with its other tables (the senders no longer create their own).
/// </summary>
public sealed class SmsTables(TableServiceClient service, IOptions<SmsOptions> options)
{
    /// <summary>The outbox provider's record of each message.</summary>
    public TableClient Outbox { get; } = service.GetTableClient(options.Value.OutboxTable);

    /// <summary>The Twilio provider's ledger of message keys, so a retried send is not sent twice.</summary>
    public TableClient Ledger { get; } = service.GetTableClient(options.Value.LedgerTable);

    /// <summary>The texts each phone got recently, so the same text is not sent to it twice within the window.</summary>
    public TableClient Recent { get; } = service.GetTableClient(options.Value.RecentTable);
}
