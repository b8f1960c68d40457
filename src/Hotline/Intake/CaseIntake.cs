using System.Text.Json;
using Azure;
using Hotline.Cases;
using Hotline.Classification;
using Hotline.FollowUp;
using Hotline.Hosting;
using Hotline.Open311;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.Sms.Recipes;
using Microsoft.Extensions.Options;

namespace Hotline.Intake;

/// <summary>
/// Turns a validated submission into a durable, queued case, or appends it to the caller's open case in the same
/// category (并单). Order matters: the case row is written, then the routing message is queued; only then does the
/// caller hear 202. A crash in between leaves a case in <c>received</c> that a retry with the same
/// Idempotency-Key finishes, and that the routing check (a follow-up) routes in any case.
/// </summary>
public sealed partial class CaseIntake(
    CaseStore cases,
    IdempotencyStore idempotency,
    DuplicateReports duplicates,
    CaseRoutingQueue routing,
    SmsNotifications sms,
    FollowUpIndex followUps,
    ReceivedDayIndex receivedDays,
    IOptions<FollowUpOptions> followUpOptions,
    CaseClassifier classifier,
    PublicUrls urls,
    TimeProvider time,
    ILogger<CaseIntake> logger)
{
    public sealed record Outcome(string TicketId, string TrackingCode, string Status, bool Replayed, bool Merged = false);

    /// <summary>Thrown when an Idempotency-Key is reused with a different request.</summary>
    public sealed class KeyReusedException() : Exception("The Idempotency-Key was used for a different request.");

    public Task<Outcome> SubmitAsync(Submission submission, string channel, string? idempotencyKey, CancellationToken cancellationToken) =>
        SubmitAsync(submission, channel, idempotencyKey, QueuedWork.Default, cancellationToken);

    /// <summary>
    /// Intake for a caller answered in the webhook's own reply (an inbound SMS answered with TwiML): no receipt or
    /// merge text is queued, since the reply is that text; routing waits <paramref name="routingDelay"/> (zero: at
    /// once), so a caller still being asked for the place can name it before the case is routed.
    /// </summary>
    public Task<Outcome> SubmitAnsweredInlineAsync(Submission submission, string channel, string? idempotencyKey, TimeSpan routingDelay, CancellationToken cancellationToken) =>
        SubmitAsync(submission, channel, idempotencyKey, new QueuedWork(routingDelay, QueueCallerTexts: false), cancellationToken);

    private async Task<Outcome> SubmitAsync(Submission submission, string channel, string? idempotencyKey, QueuedWork follow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var classification = classifier.Classify(submission.Description, submission.Category, submission.AffectedCount);
        if (idempotencyKey is null)
        {
            var code = TrackingCode.New();
            if (await TryMergeAsync(submission, classification, channel, code, ownTicketId: null, follow, cancellationToken) is { } merged)
            {
                return merged;
            }

            var ticketId = await CreateWithFreshIdAsync(submission, classification, channel, code, follow, cancellationToken);
            return new Outcome(ticketId, code, CaseStatus.Received, Replayed: false);
        }

        var keyHash = IdempotencyStore.HashKey(idempotencyKey);
        var requestHash = IdempotencyStore.HashKey(JsonSerializer.Serialize(submission, HotlineJsonContext.Default.Submission));
        var entry = await idempotency.ClaimAsync(keyHash, TicketId.New(), TrackingCode.New(), requestHash, time.GetUtcNow(), cancellationToken);
        if (entry.RequestHash != requestHash)
        {
            throw new KeyReusedException();
        }

        if (entry.Completed)
        {
            var stored = await cases.GetAsync(entry.TicketId, cancellationToken);
            LogReplayed(logger, entry.TicketId);
            return new Outcome(entry.TicketId, entry.TrackingCode, stored?.Record.Status ?? CaseStatus.Received, Replayed: true, entry.Merged);
        }

        // First attempt, or a retry of one that stopped part-way (or runs alongside): make sure the case exists and
        // is queued. Only a case that carries this key's tracking code is this request's case.
        var existing = await cases.GetAsync(entry.TicketId, cancellationToken);
        if (existing is { Record: var found } && !TrackingCode.Matches(found.TicketId, entry.TrackingCode, found.TrackingCodeHash))
        {
            throw new InvalidOperationException($"Ticket id {entry.TicketId} reserved for an Idempotency-Key belongs to another case.");
        }

        if (existing is null)
        {
            if (await TryMergeAsync(submission, classification, channel, entry.TrackingCode, entry.TicketId, follow, cancellationToken) is { } merged)
            {
                await idempotency.CompleteAsync(keyHash, merged.TicketId, merged: true, cancellationToken);
                return merged;
            }

            try
            {
                await CreateAsync(submission, classification, channel, entry.TicketId, entry.TrackingCode, follow, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
            {
                // A concurrent retry with the same key stored it first; its routing is queued (RouteCase is idempotent).
                existing = await cases.GetAsync(entry.TicketId, cancellationToken);
            }
        }
        else
        {
            await EnqueueAsync(existing.Value.Record, entry.TrackingCode, follow, cancellationToken);
        }

        await idempotency.CompleteAsync(keyHash, entry.TicketId, merged: false, cancellationToken);
        return new Outcome(entry.TicketId, entry.TrackingCode, CaseStatus.Received, Replayed: existing is not null);
    }

    private async Task<Outcome?> TryMergeAsync(Submission s, Classification.Classification classification, string channel, string code, string? ownTicketId, QueuedWork follow, CancellationToken cancellationToken)
    {
        if (s.Phone is null)
        {
            return null;
        }

        var merged = await duplicates.TryMergeAsync(s.Phone, classification.Category, s.Description, channel, code, ownTicketId, cancellationToken);
        if (merged is null)
        {
            return null;
        }

        // The caller hears which case their report joined; the officer already has that case, so no second task.
        if (follow.QueueCallerTexts)
        {
            await QueueMergedTextAsync(s, merged, cancellationToken);
        }

        LogMerged(logger, merged.TicketId, channel);
        return new Outcome(merged.TicketId, code, merged.Status, Replayed: false, Merged: true);
    }

    private async Task QueueMergedTextAsync(Submission s, DuplicateReports.Merged merged, CancellationToken cancellationToken)
    {
        await sms.EnqueueAsync(SmsRecipes.CaseMerged, new MergedReport(merged.TicketId, s.Phone!, s.Language, time.GetUtcNow()), cancellationToken);
    }

    private async Task<string> CreateWithFreshIdAsync(Submission submission, Classification.Classification classification, string channel, string code, QueuedWork follow, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ticketId = TicketId.New();
            try
            {
                await CreateAsync(submission, classification, channel, ticketId, code, follow, cancellationToken);
                return ticketId;
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict && attempt < 5)
            {
                LogTicketCollision(logger, ticketId);
            }
        }
    }

    private async Task CreateAsync(Submission s, Classification.Classification classification, string channel, string ticketId, string code, QueuedWork follow, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = new CaseRecord
        {
            TicketId = ticketId,
            TrackingCodeHash = TrackingCode.Hash(ticketId, code),
            Status = CaseStatus.Received,
            Channel = channel,
            Description = s.Description,
            Language = s.Language,
            ReceivedAt = now,
            Phone = s.Phone,
            Name = s.Name,
            Region = s.Region,
            Employer = s.Employer,
            AffectedCount = s.AffectedCount,
            Category = classification.Category,
            CategoryChosenByCaller = classification.CategoryChosenByCaller,
            Priority = classification.Priority,
        };
        // Three index rows, each written before the case and none needing another, so written at once (one round
        // trip of waiting, not three). Before the case: a crash in between leaves rows that point at nothing (the
        // repeat-report index, the day's index) or a routing check that finds no case, never a stored case that a
        // repeat report cannot find, that no day lists, or that nothing routes.
        await Task.WhenAll(
            s.Phone is null ? Task.CompletedTask : duplicates.IndexAsync(s.Phone, record.Category, ticketId, now, cancellationToken),
            followUps.ScheduleAsync(FollowUpIndex.RoutingCheck, ticketId, now + follow.RoutingDelay + followUpOptions.Value.RoutingGrace, cancellationToken),
            receivedDays.AddAsync(ticketId, now, cancellationToken));
        var why = string.Join("; ", classification.Reasons.Prepend($"via {channel}"));
        try
        {
            await cases.CreateAsync(record, new AuditEntry(now, AuditEntry.CallerActor, "received", null, CaseStatus.Received, why), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            // The SDK tries a write again when its answer was lost (a reset connection, a time-out): the first try may
            // have stored the case. Its tracking code is this submission's own, so it is this case, not a taken id.
            if (await cases.GetAsync(ticketId, cancellationToken) is not { Record: var stored } || !TrackingCode.Matches(ticketId, code, stored.TrackingCodeHash))
            {
                throw;
            }

            LogStoredByEarlierTry(logger, ticketId);
        }

        await EnqueueAsync(record, code, follow, cancellationToken);
        LogCaseReceived(logger, ticketId, channel, record.Category, record.Priority);
    }

    private async Task EnqueueAsync(CaseRecord record, string trackingCode, QueuedWork follow, CancellationToken cancellationToken)
    {
        var routed = routing.SendAsync(new RouteCaseMessage(record.TicketId), follow.RoutingDelay > TimeSpan.Zero ? follow.RoutingDelay : null, cancellationToken);
        if (record.Phone is null || !follow.QueueCallerTexts)
        {
            await routed;
            return;
        }

        // Independent messages, both queued before the caller hears 202.
        await Task.WhenAll(
            routed,
            sms.EnqueueAsync(SmsRecipes.CaseReceived, new ReceivedCase(record, trackingCode, urls.StatusPage(record.TicketId, trackingCode, record.Language)), cancellationToken));
    }

    /// <summary>What intake queues after storing a case: routing (held back by <paramref name="RoutingDelay"/>) and, unless the caller is answered inline, their text.</summary>
    private sealed record QueuedWork(TimeSpan RoutingDelay, bool QueueCallerTexts)
    {
        public static readonly QueuedWork Default = new(TimeSpan.Zero, QueueCallerTexts: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} received via {Channel}: {Category}, {Priority}")]
    private static partial void LogCaseReceived(ILogger logger, string ticketId, string channel, string category, string priority);

    [LoggerMessage(Level = LogLevel.Information, Message = "Repeat report via {Channel} merged into case {TicketId}")]
    private static partial void LogMerged(ILogger logger, string ticketId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotent repeat answered with case {TicketId}")]
    private static partial void LogReplayed(ILogger logger, string ticketId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} was stored by an earlier try of the same write")]
    private static partial void LogStoredByEarlierTry(ILogger logger, string ticketId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket id {TicketId} was taken; drawing another")]
    private static partial void LogTicketCollision(ILogger logger, string ticketId);
}
