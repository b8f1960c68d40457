using Azure.Data.Tables;
using Azure.Storage.Queues;
using Hotline.Sms;
using Microsoft.Extensions.Options;

namespace Hotline.Storage;

/// <summary>
/// The tables and queues the app uses, named in one place, on the one registered pair of service clients (the SMS
/// tables come from the same <see cref="TableServiceClient"/>). Queue clients write base64, as the queue trigger reads.
/// </summary>
public sealed class HotlineStorage
{
    public const string CaseRoutingQueue = "case-routing";
    public const string SmsOutboundQueue = "sms-outbound";
    public const string FollowUpQueue = "follow-ups";

    public HotlineStorage(TableServiceClient tables, QueueServiceClient queues, SmsTables sms, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(sms);
        var names = options.Value;
        Cases = tables.GetTableClient(names.TablePrefix + "cases");
        Idempotency = tables.GetTableClient(names.TablePrefix + "idempotency");
        FollowUps = tables.GetTableClient(names.TablePrefix + "followups");
        OfficerLoads = tables.GetTableClient(names.TablePrefix + "officerloads");
        Directory = tables.GetTableClient(names.TablePrefix + "directory");
        CallerCases = tables.GetTableClient(names.TablePrefix + "callercases");
        OfficerTokens = tables.GetTableClient(names.TablePrefix + "officertokens");
        OfficerTasks = tables.GetTableClient(names.TablePrefix + "officertasks");
        SmsInbound = tables.GetTableClient(names.TablePrefix + "smsinbound");
        SmsConversations = tables.GetTableClient(names.TablePrefix + "smsconversations");
        SmsOptOuts = tables.GetTableClient(names.TablePrefix + "smsoptouts");
        SmsDelivery = tables.GetTableClient(names.TablePrefix + "smsdelivery");
        SmsHeld = tables.GetTableClient(names.TablePrefix + "smsheld");
        UnitCases = tables.GetTableClient(names.TablePrefix + "unitcases");
        Surveys = tables.GetTableClient(names.TablePrefix + "surveys");
        ReceivedDays = tables.GetTableClient(names.TablePrefix + "receiveddays");
        ReportDays = tables.GetTableClient(names.TablePrefix + "reportdays");
        ReportCases = tables.GetTableClient(names.TablePrefix + "reportcases");
        ReportOpen = tables.GetTableClient(names.TablePrefix + "reportopen");
        Sms = sms;
        CaseRouting = queues.GetQueueClient(names.QueuePrefix + CaseRoutingQueue);
        SmsOutbound = queues.GetQueueClient(names.QueuePrefix + SmsOutboundQueue);
        DueFollowUps = queues.GetQueueClient(names.QueuePrefix + FollowUpQueue);
    }

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

    /// <summary>Texts held back by quiet hours until they are released, by a hash of their message key.</summary>
    public TableClient SmsHeld { get; }

    /// <summary>Which cases each unit has been given, so a unit's bulletin reads one partition, never every case.</summary>
    public TableClient UnitCases { get; }

    /// <summary>Callback surveys (回访) waiting for the caller's rating, by keyed phone hash.</summary>
    public TableClient Surveys { get; }

    /// <summary>Cases by the China day they were received, for date-range queries (Open311 GET requests).</summary>
    public TableClient ReceivedDays { get; }

    /// <summary>The report's aggregate: per unit and China day, the sums and each case's contribution.</summary>
    public TableClient ReportDays { get; }

    /// <summary>Where each case has counted in the report, so a change takes it out of the old days and units.</summary>
    public TableClient ReportCases { get; }

    /// <summary>The cases each unit is handling, with their due times, for the report's overdue list.</summary>
    public TableClient ReportOpen { get; }

    /// <summary>The SMS outbox, ledger and recent texts (named by <see cref="SmsOptions"/>).</summary>
    public SmsTables Sms { get; }

    public QueueClient CaseRouting { get; }

    public QueueClient SmsOutbound { get; }

    public IEnumerable<TableClient> Tables => [Cases, Idempotency, FollowUps, OfficerLoads, Directory, CallerCases, OfficerTokens, OfficerTasks, SmsInbound, SmsConversations, SmsOptOuts, SmsDelivery, SmsHeld, UnitCases, Surveys, ReceivedDays, ReportDays, ReportCases, ReportOpen, Sms.Outbox, Sms.Ledger, Sms.Recent];

    /// <summary>Due follow-ups the sweep hands out, so many RunFollowUp instances share them.</summary>
    public QueueClient DueFollowUps { get; }

    public IEnumerable<QueueClient> Queues => [CaseRouting, SmsOutbound, DueFollowUps];
}
