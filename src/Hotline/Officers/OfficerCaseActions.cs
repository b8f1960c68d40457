using System.Globalization;
using Hotline.Callback;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Routing;
using Hotline.Routing.Directory;
using Hotline.Sms;
using Hotline.Sms.Templates;
using Microsoft.Extensions.Options;

namespace Hotline.Officers;

/// <summary>
/// What an officer does to a case: acknowledge, resolve, mark complexity, transfer. Each action reads the case, checks
/// who may act and whether the state allows it, and writes the change with its audit line only if the case is as it
/// was read (ETag); when someone else changed it first, the action reads again and decides again, so no update is
/// lost. Front-end neutral: the HTTP endpoints and the officers' SMS commands share it.
/// </summary>
public sealed partial class OfficerCaseActions(
    CaseStore cases,
    DirectoryProvider directories,
    OfficerLoadStore loads,
    OfficerTaskIndex tasks,
    FollowUpIndex followUps,
    CallerTexts callerTexts,
    OfficerTexts officerTexts,
    CallbackSurveys surveys,
    IOptions<FollowUpOptions> followUpOptions,
    TimeProvider time,
    ILogger<OfficerCaseActions> logger)
{
    /// <summary>Enough for a few tries under contention; beyond that the caller is better told to retry.</summary>
    private const int MaxAttempts = 5;

    private static readonly IReadOnlyDictionary<string, int> NoLoads = new Dictionary<string, int>();

    public async Task<CaseActionOutcome> AcknowledgeAsync(UnionOfficer officer, string ticketId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var (outcome, _) = await ChangeAsync(officer, ticketId, (record, _, now) => Task.FromResult(record.Status switch
        {
            CaseStatus.Assigned => Decision.Change(
                record with { Status = CaseStatus.Acknowledged, AcknowledgedAt = now },
                new AuditEntry(now, AuditEntry.Officer(officer.Id), "acknowledged", record.Status, CaseStatus.Acknowledged, null)),
            CaseStatus.Acknowledged => Decision.Refuse("The case is already acknowledged."),
            _ => Decision.Refuse(NotAllowed(record, "acknowledged")),
        }), cancellationToken);

        Log(outcome, ticketId, "acknowledge", officer.Id);
        return outcome;
    }

    /// <summary>Resolves the case with the officer's note (checked by <see cref="CaseActionInput.CheckNote"/>), frees the officer's load and tells the caller.</summary>
    public async Task<CaseActionOutcome> ResolveAsync(UnionOfficer officer, string ticketId, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(note);
        var (outcome, before) = await ChangeAsync(officer, ticketId, (record, _, now) => Task.FromResult(IsOpen(record)
            ? Decision.Change(
                record with { Status = CaseStatus.Resolved, ResolvedAt = now },
                new AuditEntry(now, AuditEntry.Officer(officer.Id), "resolved", record.Status, CaseStatus.Resolved, note))
            : Decision.Refuse(record.Status == CaseStatus.Resolved ? "The case is already resolved." : NotAllowed(record, "resolved"))), cancellationToken);

        if (outcome is { IsDone: true, Case: { } resolved } && before is not null)
        {
            await FinishResolveAsync(before, resolved, note);
        }
        else if (outcome.Status == CaseActionStatus.Conflict && before is { Status: CaseStatus.Resolved })
        {
            // A repeat of a resolve that was saved but whose follow-ups may not have run (the process died): they are
            // all safe to repeat, so run them before saying "already resolved".
            await FinishResolveAsync(before, before, note);
        }

        Log(outcome, ticketId, "resolve", officer.Id);
        return outcome;
    }

    /// <summary>
    /// What follows a saved resolve: the officer's load and task go, the caller hears. Each step is safe to repeat
    /// (the caller's text carries a key per revision), and each runs to the end even if the officer's connection
    /// drops, since a retry would only hear "already resolved".
    /// </summary>
    private async Task FinishResolveAsync(CaseRecord before, CaseRecord resolved, string note)
    {
        var afterCommit = CancellationToken.None;
        if (before.UnitId is { } unitId)
        {
            await loads.ReleaseAsync(unitId, resolved.TicketId, afterCommit);
        }

        await tasks.UntrackAsync(before.OfficerId, resolved.TicketId, afterCommit);
        await callerTexts.CaseResolvedAsync(resolved, note, afterCommit);
        await surveys.ScheduleAsync(resolved, afterCommit);
    }

    /// <summary>Marks the case difficult or very complex (SPEC "Follow-up"); the reason goes into the audit trail.</summary>
    public async Task<CaseActionOutcome> MarkComplexityAsync(UnionOfficer officer, string ticketId, string level, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (!CaseComplexity.IsMarkable(level))
        {
            return CaseActionOutcome.Invalid($"The level must be one of {string.Join(", ", CaseComplexity.Markable)}.");
        }

        var (outcome, _) = await ChangeAsync(officer, ticketId, (record, _, now) => Task.FromResult(
            !IsOpen(record) ? Decision.Refuse(NotAllowed(record, "marked " + level))
            : record.Complexity == level ? Decision.Refuse($"The case is already marked {level}.")
            : Decision.Change(
                record with { Complexity = level },
                new AuditEntry(now, AuditEntry.Officer(officer.Id), "complexity-marked", record.Status, record.Status, $"{level}: {reason}"))), cancellationToken);

        Log(outcome, ticketId, "mark complexity", officer.Id);
        return outcome;
    }

    /// <summary>
    /// Sends the case to another unit, which gives it to its least-loaded on-duty handler (or passes it up, as routing
    /// does). The case counts against the new officer before it is saved and stops counting against the old one after,
    /// so a crash between the two over-counts for a while rather than letting two officers think the case is free.
    /// </summary>
    public async Task<CaseActionOutcome> TransferAsync(UnionOfficer officer, string ticketId, string unitId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if ((await directories.GetAsync(cancellationToken)).FindUnit(unitId) is null)
        {
            return CaseActionOutcome.Invalid($"There is no unit '{unitId}' in the directory.");
        }

        string? countedIn = null;
        var (outcome, before) = await ChangeAsync(officer, ticketId, async (record, directory, now) =>
        {
            if (!IsOpen(record))
            {
                return Decision.Refuse(NotAllowed(record, "transferred"));
            }

            if (directory.FindUnit(unitId) is null)
            {
                return Decision.Invalid($"There is no unit '{unitId}' in the directory.");
            }

            var routed = CaseRouter.RouteToUnit(directory, unitId, NoLoads);
            if (routed.UnitId == record.UnitId)
            {
                return Decision.Refuse(routed.UnitId == unitId
                    ? $"The case is already with {unitId}."
                    : $"{unitId} has no handler on duty, so the case would go back to {routed.UnitId}, which already holds it.");
            }

            var unit = directory.GetUnit(routed.UnitId);
            var handlers = directory.OnDutyHandlersOf(unit.Id).Select(o => o.Id).ToList();
            string? officerId = null;
            if (handlers.Count > 0)
            {
                officerId = await loads.AssignAsync(unit.Id, handlers, record.TicketId, cancellationToken);
                countedIn = unit.Id;
            }

            // As in routing: the check is scheduled before the case is saved, so a crash leaves a harmless extra check.
            var due = now + followUpOptions.Value.AcknowledgementWindow(record.Priority);
            await followUps.ScheduleAsync(FollowUpIndex.AcknowledgementCheck, record.TicketId, due, cancellationToken);
            var why = $"from {record.UnitId ?? "-"}/{record.OfficerId ?? "-"} to {unit.Id}/{officerId ?? "-"}: {reason} ({string.Join("; ", routed.Reasons)})";
            return Decision.Change(
                record with
                {
                    Status = CaseStatus.Assigned,
                    UnitId = unit.Id,
                    UnitName = unit.Name,
                    OfficerId = officerId,
                    AssignedAt = now,
                    AcknowledgementDueAt = due,
                    AcknowledgedAt = null,
                },
                new AuditEntry(now, AuditEntry.Officer(officer.Id), "transferred", record.Status, CaseStatus.Assigned, why));
        }, cancellationToken);

        if (outcome is { IsDone: true, Case: { } moved } && before is not null)
        {
            // Saved: the rest runs to the end even if the officer's connection drops (a retry would hear 409).
            var afterCommit = CancellationToken.None;
            if (before.UnitId is { } oldUnit)
            {
                await loads.ReleaseAsync(oldUnit, moved.TicketId, afterCommit);
            }

            await tasks.UntrackAsync(before.OfficerId, moved.TicketId, afterCommit);
            await tasks.TrackAsync(moved, afterCommit);

            // The revision in the key: a case transferred back to an officer who had it before is news again.
            await officerTexts.TaskAsync(moved, await directories.GetAsync(afterCommit), $":{moved.Revision.ToString(CultureInfo.InvariantCulture)}", afterCommit);
            await callerTexts.CaseAssignedAsync(moved, afterCommit);
        }
        else if (countedIn is not null && (await cases.GetAsync(ticketId, cancellationToken))?.Record.UnitId != countedIn)
        {
            // Counted in the new unit, then refused or out-raced: take the count back unless the case did end up there.
            await loads.ReleaseAsync(countedIn, ticketId, cancellationToken);
        }

        Log(outcome, ticketId, "transfer", officer.Id);
        return outcome;
    }

    private async Task<(CaseActionOutcome Outcome, CaseRecord? Before)> ChangeAsync(
        UnionOfficer officer,
        string ticketId,
        Func<CaseRecord, UnionDirectory, DateTimeOffset, Task<Decision>> decide,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await cases.GetAsync(ticketId, cancellationToken) is not { } found)
            {
                return (CaseActionOutcome.NotFound(), null);
            }

            var (record, etag) = found;
            if (!CaseAccess.CanAct(officer, record))
            {
                return (CaseActionOutcome.Forbidden(), record);
            }

            var decision = await decide(record, await directories.GetAsync(cancellationToken), time.GetUtcNow());
            if (decision.Refusal is { } refusal)
            {
                return (refusal, record);
            }

            try
            {
                await cases.UpdateAsync(decision.Updated!, etag, decision.Audit!, cancellationToken);
                return (CaseActionOutcome.Done(decision.Updated! with { Revision = record.Revision + 1 }), record);
            }
            catch (CaseConcurrencyException) when (attempt < MaxAttempts)
            {
                LogRaced(logger, ticketId, attempt);
            }
            catch (CaseConcurrencyException)
            {
                return (CaseActionOutcome.Conflict("The case kept changing while this was being saved. Read it again and retry."), record);
            }
        }
    }

    private static bool IsOpen(CaseRecord record) => record.Status is CaseStatus.Assigned or CaseStatus.Acknowledged;

    private static string NotAllowed(CaseRecord record, string wanted) => $"The case is {record.Status}, so it cannot be {wanted}.";

    private void Log(CaseActionOutcome outcome, string ticketId, string action, string officerId)
    {
        if (outcome.IsDone)
        {
            LogDone(logger, ticketId, action, officerId);
        }
        else
        {
            LogRefused(logger, ticketId, action, officerId, outcome.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId}: {Action} by officer {OfficerId}")]
    private static partial void LogDone(ILogger logger, string ticketId, string action, string officerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId}: {Action} by officer {OfficerId} refused ({Status})")]
    private static partial void LogRefused(ILogger logger, string ticketId, string action, string officerId, CaseActionStatus status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case {TicketId} changed while being saved (attempt {Attempt}); reading it again")]
    private static partial void LogRaced(ILogger logger, string ticketId, int attempt);

    /// <summary>What an action makes of the case as read: a change with its audit line, or a refusal.</summary>
    private sealed record Decision(CaseRecord? Updated, AuditEntry? Audit, CaseActionOutcome? Refusal)
    {
        public static Decision Change(CaseRecord updated, AuditEntry audit) => new(updated, audit, null);

        public static Decision Refuse(string detail) => new(null, null, CaseActionOutcome.Conflict(detail));

        public static Decision Invalid(string detail) => new(null, null, CaseActionOutcome.Invalid(detail));
    }
}
