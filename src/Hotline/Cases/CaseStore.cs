using System.Globalization;
using Hotline.Retention;
using Hotline.Reports;
using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.Cases;

/// <summary>
/// The cases table. Key scheme: PartitionKey = ticket id; RowKey "case" holds the case, RowKeys "audit-{revision}"
/// its audit trail. One partition per case lets a state change and its audit line commit in one transaction.
/// Every saved change is then counted by the report (<see cref="ReportProjection"/>), so no save path can miss it.
/// </summary>
public sealed class CaseStore(HotlineStorage storage, UnitCaseIndex units, RetentionSchedule retention, ReportProjection report)
{
    private const string CaseRow = "case";
    private const string AuditPrefix = "audit-";

    /// <summary>The audit actions whose lines <see cref="CaseRecord.TransferCount"/> and <see cref="CaseRecord.MergedCount"/> count.</summary>
    public const string TransferredAction = "transferred";
    public const string MergedAction = "merged";

    private TableClient Table => storage.Cases;

    /// <summary>Stores a new case with its first audit line. Throws <see cref="TableTransactionFailedException"/> (409) when the ticket id is taken.</summary>
    public async Task CreateAsync(CaseRecord record, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await Table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, ToEntity(record with { Revision = 0 })),
            new TableTransactionAction(TableTransactionActionType.Add, ToEntity(record.TicketId, 0, audit)),
        ], cancellationToken);
        await report.ProjectAsync(record with { Revision = 0 });
    }

    public async Task<(CaseRecord Record, ETag ETag)?> GetAsync(string ticketId, CancellationToken cancellationToken)
    {
        var entity = await Table.GetEntityOrNullAsync(ticketId, CaseRow, cancellationToken: cancellationToken);
        return entity is null ? null : (FromEntity(entity), entity.ETag);
    }

    /// <summary>Replaces the case if it has not changed since <paramref name="etag"/>, and appends the audit line, atomically.</summary>
    public Task<ETag> UpdateAsync(CaseRecord record, ETag etag, AuditEntry audit, CancellationToken cancellationToken) =>
        UpdateAsync(record, etag, [audit], cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(CaseRecord, ETag, AuditEntry, CancellationToken)"/> with one audit line per step of one
    /// change (a resolve that also acknowledges); the revision counts each step.
    /// </summary>
    public async Task<ETag> UpdateAsync(CaseRecord record, ETag etag, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(audit);
        if (audit.Count == 0)
        {
            throw new ArgumentException("A change needs its audit line.", nameof(audit));
        }

        if (record is { Status: CaseStatus.Assigned, UnitId: { } unitId })
        {
            // Before the case: a crash in between leaves a pointer the unit's readers check and skip.
            await units.PointAsync(unitId, record.TicketId, cancellationToken);
        }

        // Also before the case: whatever closes it, a saved close always has its redaction in the follow-up index.
        await retention.ScheduleAsync(record, cancellationToken);

        // The counts the ledger lists come from the trail itself, so no reader needs to read the trail to count.
        record = record with
        {
            TransferCount = record.TransferCount + audit.Count(a => a.Action == TransferredAction),
            MergedCount = record.MergedCount + audit.Count(a => a.Action == MergedAction),
        };
        var revision = record.Revision + audit.Count;
        try
        {
            var responses = await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(record with { Revision = revision }), etag),
                .. audit.Select((line, i) => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(record.TicketId, record.Revision + 1 + i, line))),
            ], cancellationToken);
            await report.ProjectAsync(record with { Revision = revision });
            return responses.Value[0].NewETag();
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status412PreconditionFailed)
        {
            throw new CaseConcurrencyException(record.TicketId, e);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> GetHistoryAsync(string ticketId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ticketId} and RowKey ge {AuditPrefix} and RowKey lt {"audit."}");
        var entries = new List<AuditEntry>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(AuditFromEntity(entity));
        }

        return entries;
    }

    /// <summary>
    /// Replaces the reason of the audit lines <paramref name="carriesFreeText"/> picks with <paramref name="marker"/>
    /// (a redaction: officers' notes and callers' words are kept there). Lines already replaced are left alone, so a
    /// repeat writes nothing; each batch is one transaction of the case's partition.
    /// </summary>
    public async Task RedactHistoryAsync(string ticketId, Func<AuditEntry, bool> carriesFreeText, string marker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(carriesFreeText);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ticketId} and RowKey ge {AuditPrefix} and RowKey lt {"audit."}");
        var changes = new List<TableTransactionAction>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var line = AuditFromEntity(entity);
            if (line.Reason is not null && line.Reason != marker && carriesFreeText(line))
            {
                changes.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(ticketId, entity.RowKey) { ["Reason"] = marker }, entity.ETag));
            }
        }

        // A transaction holds at most 100 actions (https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions).
        foreach (var batch in changes.Chunk(100))
        {
            await Table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    private static AuditEntry AuditFromEntity(TableEntity entity) => new(
        entity.GetDateTimeOffset("At") ?? default,
        entity.GetString("Actor") ?? "",
        entity.GetString("Action") ?? "",
        entity.GetString("FromStatus"),
        entity.GetString("ToStatus"),
        entity.GetString("Reason"));

    private static TableEntity ToEntity(string ticketId, int revision, AuditEntry audit)
    {
        var rowKey = string.Create(CultureInfo.InvariantCulture, $"{AuditPrefix}{revision:D6}");
        var entity = new TableEntity(ticketId, rowKey)
        {
            ["At"] = audit.At,
            ["Actor"] = audit.Actor,
            ["Action"] = audit.Action,
        };
        Set(entity, "FromStatus", audit.FromStatus);
        Set(entity, "ToStatus", audit.ToStatus);
        Set(entity, "Reason", audit.Reason);
        return entity;
    }

    /// <summary>The case row as stored (the ledger benchmark seeds many cases with it, without their trails).</summary>
    public static TableEntity ToEntity(CaseRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var e = new TableEntity(r.TicketId, CaseRow)
        {
            ["TrackingCodeHash"] = r.TrackingCodeHash,
            ["Status"] = r.Status,
            ["Channel"] = r.Channel,
            ["Description"] = r.Description,
            ["Language"] = r.Language,
            ["ReceivedAt"] = r.ReceivedAt,
            ["Category"] = r.Category,
            ["CategoryChosenByCaller"] = r.CategoryChosenByCaller,
            ["Priority"] = r.Priority,
            ["ReopenCount"] = r.ReopenCount,
            ["Revision"] = r.Revision,
        };
        Set(e, "Phone", r.Phone);
        Set(e, "Name", r.Name);
        Set(e, "Region", r.Region);
        Set(e, "Employer", r.Employer);
        Set(e, "AffectedCount", r.AffectedCount);
        Set(e, "UnitId", r.UnitId);
        Set(e, "UnitName", r.UnitName);
        Set(e, "OfficerId", r.OfficerId);
        Set(e, "AssignedAt", r.AssignedAt);
        Set(e, "AcknowledgementDueAt", r.AcknowledgementDueAt);
        Set(e, "AcknowledgedAt", r.AcknowledgedAt);
        Set(e, "ResolvedAt", r.ResolvedAt);
        Set(e, "ClosedAt", r.ClosedAt);
        Set(e, "Complexity", r.Complexity);
        Set(e, "Rating", r.Rating);
        Set(e, "RatedAt", r.RatedAt);
        Set(e, "ResolutionDueAt", r.ResolutionDueAt);
        Set(e, "RedactedAt", r.RedactedAt);
        Set(e, "TransferCount", r.TransferCount == 0 ? null : r.TransferCount);
        Set(e, "MergedCount", r.MergedCount == 0 ? null : r.MergedCount);
        return e;
    }

    private static CaseRecord FromEntity(TableEntity e) => new()
    {
        TicketId = e.PartitionKey,
        TrackingCodeHash = e.GetString("TrackingCodeHash") ?? "",
        Status = e.GetString("Status") ?? CaseStatus.Received,
        Channel = e.GetString("Channel") ?? "",
        Description = e.GetString("Description") ?? "",
        Language = e.GetString("Language") ?? "zh-CN",
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default,
        Phone = e.GetString("Phone"),
        Name = e.GetString("Name"),
        Region = e.GetString("Region"),
        Employer = e.GetString("Employer"),
        AffectedCount = e.GetInt32("AffectedCount"),
        Category = e.GetString("Category") ?? "other",
        CategoryChosenByCaller = e.GetBoolean("CategoryChosenByCaller") ?? false,
        Priority = e.GetString("Priority") ?? CasePriority.Normal,
        UnitId = e.GetString("UnitId"),
        UnitName = e.GetString("UnitName"),
        OfficerId = e.GetString("OfficerId"),
        AssignedAt = e.GetDateTimeOffset("AssignedAt"),
        AcknowledgementDueAt = e.GetDateTimeOffset("AcknowledgementDueAt"),
        AcknowledgedAt = e.GetDateTimeOffset("AcknowledgedAt"),
        ResolvedAt = e.GetDateTimeOffset("ResolvedAt"),
        ClosedAt = e.GetDateTimeOffset("ClosedAt"),
        ReopenCount = e.GetInt32("ReopenCount") ?? 0,
        Complexity = e.GetString("Complexity"),
        Revision = e.GetInt32("Revision") ?? 0,
        Rating = e.GetInt32("Rating"),
        RatedAt = e.GetDateTimeOffset("RatedAt"),
        ResolutionDueAt = e.GetDateTimeOffset("ResolutionDueAt"),
        RedactedAt = e.GetDateTimeOffset("RedactedAt"),
        TransferCount = e.GetInt32("TransferCount") ?? 0,
        MergedCount = e.GetInt32("MergedCount") ?? 0,
    };

    private static void Set(TableEntity entity, string name, object? value)
    {
        // Absent and null are the same to a reader; writing no property keeps the entity small.
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
