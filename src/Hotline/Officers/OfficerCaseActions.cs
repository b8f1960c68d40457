using Hotline.Callback;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Routing;
using Hotline.Routing.Directory;
using Hotline.Sms;
using Hotline.Sms.Recipes;
using Hotline.Sms.Templates;

namespace Hotline.Officers;

/// <summary>
/// What an officer does to a case: acknowledge, resolve, mark complexity, reclassify, transfer. Each action reads the case, checks
/// who may act and whether the state allows it, and writes the change with its audit line only if the case is as it
/// was read (ETag); when someone else changed it first, the action reads again and decides again, so no update is
/// lost. Front-end neutral: the HTTP endpoints and the officers' SMS commands share it.
/// </summary>
public sealed partial class OfficerCaseActions(
    CaseStore cases,
    DirectoryProvider directories,
    OfficerLoadStore loads,
    CaseAssignment assignment,
    DueTimes dueTimes,
    OfficerTaskIndex tasks,
    SmsNotifications sms,
    CallbackSurveys surveys,
    TimeProvider time,
    ILogger<OfficerCaseActions> logger)
{
    /// <summary>Enough for a few tries under contention; beyond that the caller is better told to retry.</summary>
    private const int MaxAttempts = 5;

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

    /// <summary>
    /// Resolves the case with the officer's note (checked by <see cref="CaseActionInput.CheckNote"/>), frees the officer's
    /// load and tells the caller. A case never acknowledged is acknowledged at that moment, in its own audit line, so
    /// the acknowledgement on-time figures count it as acknowledged when the officer acted on it.
    /// </summary>
    public async Task<CaseActionOutcome> ResolveAsync(UnionOfficer officer, string ticketId, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(note);
        var actor = AuditEntry.Officer(officer.Id);
        var (outcome, before) = await ChangeAsync(officer, ticketId, (record, _, now) => Task.FromResult(record.Status switch
        {
            CaseStatus.Assigned => Decision.Change(
                record with { Status = CaseStatus.Resolved, AcknowledgedAt = now, ResolvedAt = now },
                new AuditEntry(now, actor, "acknowledged", record.Status, CaseStatus.Acknowledged, "acknowledged on resolving"),
                new AuditEntry(now, actor, "resolved", CaseStatus.Acknowledged, CaseStatus.Resolved, note)),
            CaseStatus.Acknowledged => Decision.Change(
                record with { Status = CaseStatus.Resolved, ResolvedAt = now },
                new AuditEntry(now, actor, "resolved", record.Status, CaseStatus.Resolved, note)),
            CaseStatus.Resolved => Decision.Refuse("The case is already resolved."),
            _ => Decision.Refuse(NotAllowed(record, "resolved")),
        }), cancellationToken);

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
        await sms.EnqueueAsync(SmsRecipes.CaseResolved, new ResolvedCase(resolved, note), afterCommit);
        await surveys.ScheduleAsync(resolved, afterCommit);
    }

    /// <summary>
    /// Marks the case difficult or very complex (SPEC "Follow-up"), which moves its resolution due time (still counted
    /// from the assignment); the reason and both due times go into the audit trail.
    /// </summary>
    public async Task<CaseActionOutcome> MarkComplexityAsync(UnionOfficer officer, string ticketId, string level, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (!CaseComplexity.IsMarkable(level))
        {
            return CaseActionOutcome.Invalid($"The level must be one of {string.Join(", ", CaseComplexity.Markable)}.");
        }

        var (outcome, _) = await ChangeAsync(officer, ticketId, async (record, _, now) =>
        {
            if (!IsOpen(record))
            {
                return Decision.Refuse(NotAllowed(record, "marked " + level));
            }

            if (record.Complexity == level)
            {
                return Decision.Refuse($"The case is already marked {level}.");
            }

            // As for an assignment: the new due time's follow-ups are scheduled before the case is saved with it.
            var marked = dueTimes.SetResolution(record with { Complexity = level });
            await dueTimes.ScheduleAsync(marked, cancellationToken);
            var why = $"{level}: {reason}; {dueTimes.DescribeResolution(marked, before: record)}";
            return Decision.Change(marked, new AuditEntry(now, AuditEntry.Officer(officer.Id), "complexity-marked", record.Status, record.Status, why));
        }, cancellationToken);

        Log(outcome, ticketId, "mark complexity", officer.Id);
        return outcome;
    }

    /// <summary>
    /// Corrects the case's category and/or priority (改类 / 改级): the classifier or the caller may have got it wrong.
    /// A new priority counts both windows again from the assignment (as the SPEC's table gives them for it), with the
    /// follow-ups of the new due times scheduled before the case is saved; raising a case to 重大事项 alerts the heads
    /// and contacts as routing would have. A new category keeps the case where it is: moving it is a transfer, which
    /// the officer decides with its own reason.
    /// </summary>
    public async Task<CaseActionOutcome> ReclassifyAsync(UnionOfficer officer, string ticketId, string? category, string? priority, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if ((category is not null && !CaseCategory.IsKnown(category)) || (priority is not null && !CasePriority.IsKnown(priority)) || category is null && priority is null)
        {
            return CaseActionOutcome.Invalid("A known category, a known priority, or both are needed.");
        }

        var (outcome, before) = await ChangeAsync(officer, ticketId, async (record, _, now) =>
        {
            if (!IsOpen(record))
            {
                return Decision.Refuse(NotAllowed(record, "reclassified"));
            }

            var changed = record with { Category = category ?? record.Category, Priority = priority ?? record.Priority };
            if (changed.Category == record.Category && changed.Priority == record.Priority)
            {
                return Decision.Refuse($"The case is already {record.Category}, {record.Priority}.");
            }

            var what = new List<string>();
            if (changed.Category != record.Category)
            {
                what.Add($"category {record.Category} → {changed.Category}");
            }

            if (changed.Priority != record.Priority)
            {
                what.Add($"priority {record.Priority} → {changed.Priority}");
                // An acknowledgement already made was made against the window it had; the on-time figures keep it.
                changed = dueTimes.Set(changed) is var counted && record.AcknowledgedAt is null
                    ? counted
                    : counted with { AcknowledgementDueAt = record.AcknowledgementDueAt };
                await dueTimes.ScheduleAsync(changed, cancellationToken);
                what.Add(dueTimes.Describe(changed));
            }

            var why = $"{string.Join("; ", what)}: {reason}";
            return Decision.Change(changed, new AuditEntry(now, AuditEntry.Officer(officer.Id), "reclassified", record.Status, record.Status, why));
        }, cancellationToken);

        if (outcome is { IsDone: true, Case: { Priority: CasePriority.MajorIncident } raised } && before is { Priority: not CasePriority.MajorIncident })
        {
            await sms.EnqueueAsync(SmsRecipes.MajorIncident, new CaseAlert(raised, await directories.GetAsync(CancellationToken.None)), CancellationToken.None);
        }

        Log(outcome, ticketId, "reclassify", officer.Id);
        return outcome;
    }

    /// <summary>
    /// Sends the case to another unit, which gives it to its least-loaded on-duty handler (or passes it up, as routing
    /// does), through the same assignment step as routing (<see cref="CaseAssignment"/>): new due times included. The case counts against the new officer before it is saved and stops counting against the old one after,
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

            var routed = CaseRouter.RouteToUnit(directory, unitId);
            if (routed.UnitId == record.UnitId)
            {
                return Decision.Refuse(routed.UnitId == unitId
                    ? $"The case is already with {unitId}."
                    : $"{unitId} has no handler on duty, so the case would go back to {routed.UnitId}, which already holds it.");
            }

            var assigned = await assignment.AssignAsync(record, routed, directory, now, cancellationToken);
            countedIn = assigned.CountedInUnitId ?? countedIn;
            var moved = assigned.Record;
            var why = $"from {record.UnitId ?? "-"}/{record.OfficerId ?? "-"} to {moved.UnitId}/{moved.OfficerId ?? "-"}: {reason} ({assigned.Reason})";
            return Decision.Change(moved, new AuditEntry(now, AuditEntry.Officer(officer.Id), "transferred", record.Status, CaseStatus.Assigned, why));
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

            await sms.EnqueueAsync(SmsRecipes.OfficerTask, new CaseTask(moved, await directories.GetAsync(afterCommit), AssignmentRound.Transfer(moved.Revision)), afterCommit);
            await sms.EnqueueAsync(SmsRecipes.CaseAssigned, moved, afterCommit);
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
                await cases.UpdateAsync(decision.Updated!, etag, decision.Audit, cancellationToken);
                return (CaseActionOutcome.Done(decision.Updated! with { Revision = record.Revision + decision.Audit.Count }), record);
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

    private static bool IsOpen(CaseRecord record) => CaseStatus.IsBeingHandled(record.Status);

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
    private sealed record Decision(CaseRecord? Updated, IReadOnlyList<AuditEntry> Audit, CaseActionOutcome? Refusal)
    {
        /// <summary>A change with its audit lines, one per step (a resolve that also acknowledges has two).</summary>
        public static Decision Change(CaseRecord updated, params AuditEntry[] audit) => new(updated, audit, null);

        public static Decision Refuse(string detail) => new(null, [], CaseActionOutcome.Conflict(detail));

        public static Decision Invalid(string detail) => new(null, [], CaseActionOutcome.Invalid(detail));
    }
}
