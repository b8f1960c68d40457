using System.Text.Json;
using Hotline.Cases;
using Hotline.Classification;
using Hotline.Hosting;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.Storage;

namespace Hotline.Intake;

/// <summary>
/// Turns a validated submission into a durable, queued case. Order matters: the case row is written, then the
/// routing message is queued; only then does the caller hear 202. A crash in between leaves a case in
/// <c>received</c> that a retry with the same Idempotency-Key finishes.
/// </summary>
public sealed partial class CaseIntake(
    CaseStore cases,
    IdempotencyStore idempotency,
    HotlineStorage storage,
    CaseClassifier classifier,
    PublicUrls urls,
    TimeProvider time,
    ILogger<CaseIntake> logger)
{
    public sealed record Outcome(string TicketId, string TrackingCode, string Status, bool Replayed);

    /// <summary>Thrown when an Idempotency-Key is reused with a different request.</summary>
    public sealed class KeyReusedException() : Exception("The Idempotency-Key was used for a different request.");

    public async Task<Outcome> SubmitAsync(Submission submission, string channel, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (idempotencyKey is null)
        {
            var (ticketId, code) = await CreateWithFreshIdAsync(submission, channel, cancellationToken);
            return new Outcome(ticketId, code, CaseStatus.Received, Replayed: false);
        }

        var keyHash = IdempotencyStore.HashKey(idempotencyKey);
        var requestHash = IdempotencyStore.HashKey(JsonSerializer.Serialize(submission));
        var entry = await idempotency.ClaimAsync(keyHash, TicketId.New(), TrackingCode.New(), requestHash, time.GetUtcNow(), cancellationToken);
        if (entry.RequestHash != requestHash)
        {
            throw new KeyReusedException();
        }

        if (!entry.Completed)
        {
            // First attempt, or a retry of one that stopped part-way: make sure the case exists and is queued.
            var existing = await cases.GetAsync(entry.TicketId, cancellationToken);
            if (existing is null)
            {
                await CreateAsync(submission, channel, entry.TicketId, entry.TrackingCode, cancellationToken);
            }
            else
            {
                await EnqueueAsync(existing.Value.Record, entry.TrackingCode, cancellationToken);
            }

            await idempotency.CompleteAsync(keyHash, cancellationToken);
            return new Outcome(entry.TicketId, entry.TrackingCode, CaseStatus.Received, Replayed: existing is not null);
        }

        var stored = await cases.GetAsync(entry.TicketId, cancellationToken);
        LogReplayed(logger, entry.TicketId);
        return new Outcome(entry.TicketId, entry.TrackingCode, stored?.Record.Status ?? CaseStatus.Received, Replayed: true);
    }

    private async Task<(string TicketId, string TrackingCode)> CreateWithFreshIdAsync(Submission submission, string channel, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ticketId = TicketId.New();
            var code = TrackingCode.New();
            try
            {
                await CreateAsync(submission, channel, ticketId, code, cancellationToken);
                return (ticketId, code);
            }
            catch (StorageRequestFailedException e) when (e.Kind == StorageErrorKind.Conflict && attempt < 5)
            {
                LogTicketCollision(logger, ticketId);
            }
        }
    }

    private async Task CreateAsync(Submission s, string channel, string ticketId, string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var classification = classifier.Classify(s.Description, s.Category, s.AffectedCount);
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
        var why = string.Join("; ", classification.Reasons.Prepend($"via {channel}"));
        await cases.CreateAsync(record, new AuditEntry(now, AuditEntry.CallerActor, "received", null, CaseStatus.Received, why), cancellationToken);
        await EnqueueAsync(record, code, cancellationToken);
        LogCaseReceived(logger, ticketId, channel);
    }

    private async Task EnqueueAsync(CaseRecord record, string trackingCode, CancellationToken cancellationToken)
    {
        var routing = JsonSerializer.Serialize(new RouteCaseMessage(record.TicketId), HotlineJsonContext.Default.RouteCaseMessage);
        await storage.CaseRouting.SendMessageAsync(routing, cancellationToken: cancellationToken);
        if (record.Phone is null)
        {
            return;
        }

        var receipt = new SmsRequest(
            $"{record.TicketId}:case-received",
            record.TicketId,
            record.Phone,
            "case-received",
            record.Language,
            new Dictionary<string, string>
            {
                ["ticketId"] = record.TicketId,
                ["trackingCode"] = trackingCode,
                ["statusUrl"] = urls.CaseStatus(record.TicketId, trackingCode),
            });
        await storage.SmsOutbound.SendMessageAsync(JsonSerializer.Serialize(receipt, HotlineJsonContext.Default.SmsRequest), cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} received via {Channel}")]
    private static partial void LogCaseReceived(ILogger logger, string ticketId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotent repeat answered with case {TicketId}")]
    private static partial void LogReplayed(ILogger logger, string ticketId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket id {TicketId} was taken; drawing another")]
    private static partial void LogTicketCollision(ILogger logger, string ticketId);
}
