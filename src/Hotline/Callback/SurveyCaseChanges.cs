using System.Globalization;
using Hotline.Cases;
using Hotline.Officers;
using Hotline.Routing;
using Hotline.Routing.Directory;
using Hotline.Sms;
using Hotline.Sms.Recipes;
using Microsoft.Extensions.Options;

namespace Hotline.Callback;

/// <summary>
/// What a survey does to its case: close it (a rating of 3–5, no reply, no phone) or reopen it (1–2). Each change is
/// made only while the case is still resolved by the round the survey asks about, under its ETag, so a rating, its
/// repeat and the no-reply check change the case once between them, whichever comes first.
/// </summary>
public sealed partial class SurveyCaseChanges(
    CaseStore cases,
    DirectoryProvider directories,
    CaseAssignment assignment,
    IOptions<RoutingOptions> routingOptions,
    OfficerLoadStore loads,
    OfficerTaskIndex tasks,
    SmsNotifications sms,
    TimeProvider time,
    ILogger<SurveyCaseChanges> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>The lowest rating that closes the case; below it the caller is dissatisfied and the case is reopened.</summary>
    public const int ClosingRating = 3;

    /// <summary>Closes (3–5) or reopens (1–2) the case for the caller's rating; null when it is no longer resolved by the round.</summary>
    public Task<CaseRecord?> ApplyRatingAsync(string ticketId, string round, int rating, CancellationToken cancellationToken) =>
        rating >= ClosingRating
            ? CloseAsync(ticketId, round, AuditEntry.CallerActor, string.Create(CultureInfo.InvariantCulture, $"rated {rating}"), rating, cancellationToken)
            : ReopenAsync(ticketId, round, rating, cancellationToken);

    /// <summary>Closes the case; null when it is no longer resolved by <paramref name="round"/>.</summary>
    public async Task<CaseRecord?> CloseAsync(string ticketId, string round, string actor, string reason, int? rating, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await cases.GetAsync(ticketId, cancellationToken) is not { Record: var record, ETag: var etag } || !SurveyRound.IsResolvedIn(record, round))
            {
                return null;
            }

            var now = time.GetUtcNow();
            var closed = record with
            {
                Status = CaseStatus.Closed,
                ClosedAt = now,
                Rating = rating ?? record.Rating,
                RatedAt = rating is null ? record.RatedAt : now,
            };
            try
            {
                await cases.UpdateAsync(closed, etag, new AuditEntry(now, actor, "closed", record.Status, CaseStatus.Closed, reason), cancellationToken);
            }
            catch (CaseConcurrencyException) when (attempt < MaxAttempts)
            {
                continue;
            }

            LogClosed(logger, ticketId, reason);
            return closed with { Revision = record.Revision + 1 };
        }
    }

    /// <summary>
    /// Reopens the case to its unit (the shared <see cref="CaseAssignment"/>, with new due times), tells the unit head and the new officer; null when
    /// it is no longer resolved by <paramref name="round"/>. What follows the save runs to the end whatever the
    /// caller's connection does, since a repeat of the text would find the case reopened already.
    /// </summary>
    public async Task<CaseRecord?> ReopenAsync(string ticketId, string round, int rating, CancellationToken cancellationToken)
    {
        string? countedIn = null;
        for (var attempt = 1; ; attempt++)
        {
            if (await cases.GetAsync(ticketId, cancellationToken) is not { Record: var record, ETag: var etag } || !SurveyRound.IsResolvedIn(record, round))
            {
                await TakeBackAsync(ticketId, countedIn);
                return null;
            }

            var directory = await directories.GetAsync(cancellationToken);
            var now = time.GetUtcNow();
            // The unit may have left the directory since (an admin replaced it): then the case is routed afresh.
            var decision = record.UnitId is { } unitId && directory.FindUnit(unitId) is not null
                ? CaseRouter.RouteToUnit(directory, unitId)
                : CaseRouter.Route(directory, record.Region, record.Category, routingOptions.Value.DefaultUnitId);
            var assigned = await assignment.AssignAsync(record, decision, directory, now, cancellationToken);
            countedIn = assigned.CountedInUnitId;
            var reopened = assigned.Record with { ReopenCount = record.ReopenCount + 1, Rating = rating, RatedAt = now, ResolvedAt = null };
            var why = string.Create(CultureInfo.InvariantCulture, $"rated {rating}; {assigned.Reason}");
            try
            {
                await cases.UpdateAsync(reopened, etag, new AuditEntry(now, AuditEntry.CallerActor, "reopened", record.Status, CaseStatus.Assigned, why), cancellationToken);
            }
            catch (CaseConcurrencyException) when (attempt < MaxAttempts)
            {
                continue;
            }
            catch (CaseConcurrencyException)
            {
                await TakeBackAsync(ticketId, countedIn);
                throw;
            }

            reopened = reopened with { Revision = record.Revision + 1 };
            LogReopened(logger, ticketId, rating, reopened.UnitId ?? "-", reopened.OfficerId ?? "-");
            await FinishReopenAsync(reopened, record.UnitId, directory);
            return reopened;
        }
    }

    /// <summary>
    /// What follows a saved reopen: the new officer's task list and task text, the unit heads' text. Each is safe to
    /// repeat (keys carry the reopen count), so a repeated rating text runs them again.
    /// </summary>
    public async Task FinishReopenAsync(CaseRecord reopened, string? formerUnitId, UnionDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(reopened);
        ArgumentNullException.ThrowIfNull(directory);
        var afterCommit = CancellationToken.None;
        await tasks.TrackAsync(reopened, afterCommit);
        await sms.EnqueueAsync(SmsRecipes.OfficerTask, new CaseTask(reopened, directory, AssignmentRound.Reopen(reopened.ReopenCount)), afterCommit);
        await sms.EnqueueAsync(SmsRecipes.CaseReopened, new ReopenedCase(reopened, directory, formerUnitId), afterCommit);
    }

    /// <summary>A reopen that did not save leaves no load counted for it (unless the case is counted there by a save that did).</summary>
    private async Task TakeBackAsync(string ticketId, string? countedIn)
    {
        if (countedIn is null)
        {
            return;
        }

        var current = (await cases.GetAsync(ticketId, CancellationToken.None))?.Record;
        if (current is not { Status: CaseStatus.Assigned or CaseStatus.Acknowledged } || current.UnitId != countedIn)
        {
            await loads.ReleaseAsync(countedIn, ticketId, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, string ticketId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} rated {Rating} and reopened to unit {UnitId}, officer {OfficerId}")]
    private static partial void LogReopened(ILogger logger, string ticketId, int rating, string unitId, string officerId);
}
