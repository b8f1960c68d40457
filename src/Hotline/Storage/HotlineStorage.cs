using Hotline.Storage.Queues;
using Hotline.Storage.Tables;
using Microsoft.Extensions.Options;

namespace Hotline.Storage;

/// <summary>The tables and queues the app uses, named in one place.</summary>
public sealed class HotlineStorage
{
    public const string CaseRoutingQueue = "case-routing";
    public const string SmsOutboundQueue = "sms-outbound";

    public HotlineStorage(StorageAccount account, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(account);
        var names = options.Value;
        Account = account;
        Cases = account.GetTableClient(names.TablePrefix + "cases");
        Idempotency = account.GetTableClient(names.TablePrefix + "idempotency");
        FollowUps = account.GetTableClient(names.TablePrefix + "followups");
        OfficerLoads = account.GetTableClient(names.TablePrefix + "officerloads");
        Directory = account.GetTableClient(names.TablePrefix + "directory");
        CallerCases = account.GetTableClient(names.TablePrefix + "callercases");
        OfficerTokens = account.GetTableClient(names.TablePrefix + "officertokens");
        OfficerTasks = account.GetTableClient(names.TablePrefix + "officertasks");
        SmsInbound = account.GetTableClient(names.TablePrefix + "smsinbound");
        SmsConversations = account.GetTableClient(names.TablePrefix + "smsconversations");
        SmsOptOuts = account.GetTableClient(names.TablePrefix + "smsoptouts");
        SmsDelivery = account.GetTableClient(names.TablePrefix + "smsdelivery");
        CaseRouting = account.GetQueueClient(names.QueuePrefix + CaseRoutingQueue);
        SmsOutbound = account.GetQueueClient(names.QueuePrefix + SmsOutboundQueue);
    }

    public StorageAccount Account { get; }

    /// <summary>One partition per case: the case row and its audit trail, so both change in one transaction.</summary>
    public TableClient Cases { get; }

    public TableClient Idempotency { get; }

    /// <summary>Due-time index for timers: a timer reads only what is due, never every case.</summary>
    public TableClient FollowUps { get; }

    public TableClient OfficerLoads { get; }

    /// <summary>Each caller's cases by category, to find a duplicate report without scanning cases.</summary>
    public TableClient CallerCases { get; }

    /// <summary>The directory documents an admin loaded, and which one is in use.</summary>
    public TableClient Directory { get; }

    /// <summary>Officers' bearer tokens, stored only as hashes.</summary>
    public TableClient OfficerTokens { get; }

    /// <summary>Open cases per officer, so a task list reads one partition, never every case.</summary>
    public TableClient OfficerTasks { get; }

    /// <summary>Inbound texts by MessageSid and the reply each got, so a webhook Twilio delivers again is answered alike.</summary>
    public TableClient SmsInbound { get; }

    /// <summary>Open SMS conversations (a caller asked for the place), by keyed phone hash.</summary>
    public TableClient SmsConversations { get; }

    /// <summary>Phones that texted STOP (or that Twilio refused with 21610), by keyed phone hash.</summary>
    public TableClient SmsOptOuts { get; }

    /// <summary>Delivery status of outgoing texts by MessageSid, from Twilio's status callbacks.</summary>
    public TableClient SmsDelivery { get; }

    public QueueClient CaseRouting { get; }

    public QueueClient SmsOutbound { get; }

    public IEnumerable<TableClient> Tables => [Cases, Idempotency, FollowUps, OfficerLoads, Directory, CallerCases, OfficerTokens, OfficerTasks, SmsInbound, SmsConversations, SmsOptOuts, SmsDelivery];

    public IEnumerable<QueueClient> Queues => [CaseRouting, SmsOutbound];
}
