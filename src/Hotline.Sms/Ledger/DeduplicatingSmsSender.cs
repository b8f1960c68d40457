using Azure;
using Azure.Data.Tables;
using Hotline.Sms.Phones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Ledger;

/// <summary>
/// Makes a provider honour <see cref="OutgoingSms.MessageKey"/> exactly once: each key is claimed in a ledger table
/// (insert, or an ETag-conditional update) before the provider is called, and its outcome recorded after. A key
/// already sent or permanently failed answers from the ledger without calling the provider, so a queue retry after a
/// crash never sends a second text. A key claimed by a send still in flight answers RetryLater. A text the same-text
/// rule held back is recorded as suppressed, so an admin finds it by its key, and answered so ever after.
/// </summary>
/// <remarks>
/// A send whose outcome is unknown (no answer after the request went out, or a claim older than the claim timeout: a
/// sender that died mid-send) is recorded as unknown and answered so, with the wait until it may be checked, until
/// <c>checkAfter</c> has passed since that send. Twilio has no idempotency key for outbound messages, so the next try
/// of the key, under a new claim, asks the provider (<see cref="ISentSmsLookup"/>) for a message with the same body to
/// the same phone since the first send of unknown outcome: found, the key is recorded as sent with that message's SID;
/// not found, the text is sent again (at most <see cref="MaxResends"/> times, then recorded as failed); a lookup that
/// fails leaves it unknown, checked again later, and sends nothing. The same-text rule behind this sender is what makes
/// a body match ours: no other key sends the same text to the same phone within its window.
/// </remarks>
public sealed partial class DeduplicatingSmsSender(
    ISmsSender inner,
    ISentSmsLookup lookup,
    TableClient ledger,
    PhoneHash phoneHash,
    TimeSpan claimTimeout,
    TimeSpan checkAfter,
    TimeProvider time,
    ILogger<DeduplicatingSmsSender> logger) : ISmsSender
{
    internal const string Sending = "sending";
    internal const string Sent = "sent";
    internal const string Failed = "failed";
    internal const string Retry = "retry";
    internal const string Unknown = "unknown";
    internal const string Suppressed = "suppressed";

    /// <summary>Sends again after lookups that found nothing, before the key is given up as failed.</summary>
    public const int MaxResends = 2;

    /// <summary>
    /// The lookup starts this long before our first send of unknown outcome: the provider stamps the message with its
    /// own clock, which may run behind ours.
    /// </summary>
    internal static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);

    private const int MaxClaimRounds = 3;

    public async Task<SmsSendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        if (sms.Problem() is not null)
        {
            // Nothing to claim: the provider rejects it without sending.
            return await inner.SendAsync(sms, cancellationToken);
        }

        var pk = SmsTableKeys.PartitionKey(sms.MessageKey);
        var to = PhoneMask.Mask(sms.To);

        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var now = time.GetUtcNow();
            var found = await ledger.GetEntityIfExistsAsync<TableEntity>(pk, SmsTableKeys.RowKey, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                ETag created;
                try
                {
                    created = NewETag(await ledger.AddEntityAsync(NewClaim(sms, pk, now, to), cancellationToken));
                }
                catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
                {
                    continue;
                }

                return await SendClaimedAsync(sms, new Claim(pk, created, now, null), cancellationToken);
            }

            var existing = found.Value!;
            var state = existing.GetString("State");
            if (state == Sent)
            {
                Log.AlreadySent(logger, sms.MessageKey, to);
                return SmsSendResult.Sent(existing.GetString("ProviderMessageId") ?? string.Empty, existing.GetInt32("Segments"));
            }

            if (state == Failed)
            {
                Log.AlreadyFailed(logger, sms.MessageKey, to, existing.GetString("ErrorCode"));
                return SmsSendResult.PermanentFailure(existing.GetString("ErrorCode"), existing.GetString("Detail"));
            }

            if (state == Suppressed)
            {
                Log.AlreadySuppressed(logger, sms.MessageKey, to);
                return SmsSendResult.Suppressed(existing.GetString("Detail"));
            }

            var since = existing.GetDateTimeOffset("UnknownSince");
            if (state == Unknown)
            {
                // Rows recorded before checks existed have neither field: their claim time stands for both.
                var first = since ?? existing.GetDateTimeOffset("ClaimedAt") ?? now;
                var checkAt = existing.GetDateTimeOffset("CheckAt") ?? first + checkAfter;
                if (now < checkAt)
                {
                    Log.CheckPending(logger, sms.MessageKey, to, existing.GetString("ErrorCode"), checkAt - now);
                    return SmsSendResult.Unknown(existing.GetString("ErrorCode"), existing.GetString("Detail"), checkAt - now);
                }

                existing["State"] = Sending;
                existing["ClaimedAt"] = now;
                existing["UnknownSince"] = first;
                ETag checking;
                try
                {
                    checking = NewETag(await ledger.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Merge, cancellationToken));
                }
                catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
                {
                    continue;
                }

                return await CheckAsync(sms, new Claim(pk, checking, now, first), existing, cancellationToken);
            }

            if (state == Sending)
            {
                var claimedAt = existing.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue;
                var age = now - claimedAt;
                if (age < claimTimeout)
                {
                    Log.InFlight(logger, sms.MessageKey, to);
                    return SmsSendResult.RetryLater(SmsErrorCodes.InFlight, "Another send of this message is in progress.", claimTimeout - age);
                }

                // The sender died mid-send (or mid-lookup), most likely while its request was at Twilio: the text may be
                // out. Recorded as unknown, it is checked with the provider in the next round once it is due.
                Log.StaleClaim(logger, sms.MessageKey, to, age);
                existing["State"] = Unknown;
                existing["ErrorCode"] = SmsErrorCodes.ClaimExpired;
                existing["Detail"] = "An earlier send stopped without an outcome; the text may have gone out.";
                existing["CompletedAt"] = now;
                existing["UnknownSince"] = since ?? (claimedAt == DateTimeOffset.MinValue ? now : claimedAt);
                existing["CheckAt"] = claimedAt == DateTimeOffset.MinValue ? now : claimedAt + checkAfter;
                try
                {
                    await ledger.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
                {
                    // Someone else moved it on: read it again.
                }

                continue;
            }

            existing["State"] = Sending;
            existing["ClaimedAt"] = now;
            existing["Attempts"] = (existing.GetInt32("Attempts") ?? 0) + 1;
            ETag claim;
            try
            {
                claim = NewETag(await ledger.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Merge, cancellationToken));
            }
            catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
            {
                continue;
            }

            return await SendClaimedAsync(sms, new Claim(pk, claim, now, since), cancellationToken);
        }

        return SmsSendResult.RetryLater(SmsErrorCodes.InFlight, "The ledger entry for this message kept changing.");
    }

    /// <summary>Sends under a claim this call holds, and records the outcome.</summary>
    private async Task<SmsSendResult> SendClaimedAsync(OutgoingSms sms, Claim claim, CancellationToken cancellationToken)
    {
        SmsSendResult result;
        try
        {
            result = await inner.SendAsync(sms, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Senders honour the token only before their request goes out (the Twilio SDK takes none): nothing was
            // sent, so free the claim for the next try.
            await RecordAsync(claim, Row(claim, Retry), sms.MessageKey);
            throw;
        }
        catch (Exception ex)
        {
            // A sender's bug may have struck after its request went out.
            await RecordAsync(claim, UnknownRow(claim, SmsSendResult.Unknown(SmsErrorCodes.ConnectionLost, ex.GetType().Name)), sms.MessageKey);
            throw;
        }

        if (result.Status == SmsSendStatus.Unknown)
        {
            await RecordAsync(claim, UnknownRow(claim, result), sms.MessageKey);
            return result with { RetryAfter = checkAfter };
        }

        var outcome = result.Status switch
        {
            SmsSendStatus.Sent => Sent,
            SmsSendStatus.PermanentFailure => Failed,
            SmsSendStatus.Suppressed => Suppressed,
            _ => Retry,
        };
        var row = Row(claim, outcome);
        row["ProviderMessageId"] = result.ProviderMessageId;
        row["ErrorCode"] = result.ErrorCode;
        row["Detail"] = result.Detail;
        row["Segments"] = result.Segments;
        await RecordAsync(claim, row, sms.MessageKey);
        return result;
    }

    /// <summary>Asks the provider about a key of unknown outcome, under a claim this call holds; sends again only when it has no such message.</summary>
    private async Task<SmsSendResult> CheckAsync(OutgoingSms sms, Claim claim, TableEntity existing, CancellationToken cancellationToken)
    {
        var to = PhoneMask.Mask(sms.To);
        var unknown = SmsSendResult.Unknown(existing.GetString("ErrorCode"), existing.GetString("Detail"), checkAfter);
        SmsLookupResult found;
        try
        {
            found = await lookup.FindAsync(sms, claim.UnknownSince!.Value - ClockMargin, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Nothing learnt and nothing sent: unknown again, due at once.
            await RecordAsync(claim, UnknownRow(claim, unknown, checkAt: claim.ClaimedAt), sms.MessageKey);
            throw;
        }
        catch (Exception)
        {
            await RecordAsync(claim, UnknownRow(claim, unknown), sms.MessageKey);
            throw;
        }

        switch (found.Status)
        {
            case SmsLookupStatus.Found:
                Log.FoundAtProvider(logger, sms.MessageKey, to, found.ProviderMessageId, found.ProviderStatus);
                var sent = Row(claim, Sent);
                sent["ProviderMessageId"] = found.ProviderMessageId;
                sent["ProviderStatus"] = found.ProviderStatus;
                sent["Segments"] = found.Segments;
                sent["Detail"] = "Found at the provider after a send of unknown outcome.";
                await RecordAsync(claim, sent, sms.MessageKey);
                return SmsSendResult.Sent(found.ProviderMessageId ?? string.Empty, found.Segments);

            case SmsLookupStatus.NotFound:
                var resends = existing.GetInt32("Resends") ?? 0;
                if (resends >= MaxResends)
                {
                    Log.NotConfirmed(logger, sms.MessageKey, to, resends + 1);
                    var failure = SmsSendResult.PermanentFailure(
                        SmsErrorCodes.NotConfirmed, $"{resends + 1} sends had unknown outcomes and the provider has none of them.");
                    var failed = Row(claim, Failed);
                    failed["ErrorCode"] = failure.ErrorCode;
                    failed["Detail"] = failure.Detail;
                    await RecordAsync(claim, failed, sms.MessageKey);
                    return failure;
                }

                Log.NotAtProvider(logger, sms.MessageKey, to, resends + 1, MaxResends);
                var now = time.GetUtcNow();
                var resend = new TableEntity(claim.PartitionKey, SmsTableKeys.RowKey)
                {
                    ["ClaimedAt"] = now,
                    ["Resends"] = resends + 1,
                    ["Attempts"] = (existing.GetInt32("Attempts") ?? 0) + 1,
                };
                ETag renewed;
                try
                {
                    renewed = NewETag(await ledger.UpdateEntityAsync(resend, claim.ETag, TableUpdateMode.Merge, cancellationToken));
                }
                catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
                {
                    // Our claim timed out and another try took the key over: it decides.
                    return SmsSendResult.RetryLater(SmsErrorCodes.InFlight, "Another try of this message took it over.");
                }

                return await SendClaimedAsync(sms, claim with { ETag = renewed, ClaimedAt = now }, cancellationToken);

            default:
                Log.LookupFailed(logger, sms.MessageKey, to, found.ErrorCode, checkAfter);
                var again = UnknownRow(claim, unknown);
                again["LookupError"] = found.ErrorCode;
                await RecordAsync(claim, again, sms.MessageKey);
                return unknown;
        }
    }

    private static ETag NewETag(Response response) =>
        response.Headers.ETag ?? throw new InvalidOperationException("The table service answered a ledger write without an ETag.");

    private TableEntity NewClaim(OutgoingSms sms, string pk, DateTimeOffset now, string maskedTo) =>
        new(pk, SmsTableKeys.RowKey)
        {
            ["MessageKey"] = sms.MessageKey,
            ["To"] = maskedTo,
            ["ToHash"] = phoneHash.Compute(sms.To),
            ["Template"] = sms.Template,
            ["Language"] = sms.Language,
            ["State"] = Sending,
            ["ClaimedAt"] = now,
            ["Attempts"] = 1,
        };

    private TableEntity Row(Claim claim, string state) =>
        new(claim.PartitionKey, SmsTableKeys.RowKey)
        {
            ["State"] = state,
            ["CompletedAt"] = time.GetUtcNow(),
        };

    /// <summary>
    /// Unknown, searched from the first send of unknown outcome, and due for a check <c>checkAfter</c> after this
    /// claim (or at <paramref name="checkAt"/>).
    /// </summary>
    private TableEntity UnknownRow(Claim claim, SmsSendResult result, DateTimeOffset? checkAt = null)
    {
        var row = Row(claim, Unknown);
        row["ErrorCode"] = result.ErrorCode;
        row["Detail"] = result.Detail;
        row["UnknownSince"] = claim.UnknownSince ?? claim.ClaimedAt;
        row["CheckAt"] = checkAt ?? claim.ClaimedAt + checkAfter;
        return row;
    }

    /// <summary>
    /// Best effort, and never with the caller's token: when the text has gone out, failing here must not make the
    /// caller retry it. A lost write leaves a claim that times out, and so becomes unknown and is checked.
    /// </summary>
    private async Task RecordAsync(Claim claim, TableEntity row, string messageKey)
    {
        var state = row.GetString("State");
        try
        {
            await ledger.UpdateEntityAsync(row, claim.ETag, TableUpdateMode.Merge, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            Log.RecordFailed(logger, messageKey, state, ex.Status, ex.ErrorCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            // Storage unreachable right after the send: the outcome is what the caller needs, not this write.
            Log.RecordFailed(logger, messageKey, state, 0, ex.GetType().Name);
        }
    }

    /// <param name="UnknownSince">When the first send of unknown outcome of this key was claimed, if one was.</param>
    private readonly record struct Claim(string PartitionKey, ETag ETag, DateTimeOffset ClaimedAt, DateTimeOffset? UnknownSince);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SMS {MessageKey} to {To} was sent before; not sending it again")]
        public static partial void AlreadySent(ILogger logger, string messageKey, string to);

        [LoggerMessage(2, LogLevel.Information, "SMS {MessageKey} to {To} failed permanently before ({ErrorCode}); not sending it again")]
        public static partial void AlreadyFailed(ILogger logger, string messageKey, string to, string? errorCode);

        [LoggerMessage(3, LogLevel.Warning, "SMS {MessageKey} to {To} is being sent by another worker; retry later")]
        public static partial void InFlight(ILogger logger, string messageKey, string to);

        [LoggerMessage(4, LogLevel.Warning, "SMS {MessageKey} to {To}: an earlier send stopped {Age} ago without an outcome; it may have been sent, so the provider is asked before any new send")]
        public static partial void StaleClaim(ILogger logger, string messageKey, string to, TimeSpan age);

        [LoggerMessage(6, LogLevel.Information, "SMS {MessageKey} to {To} has an unknown outcome ({ErrorCode}); the provider is asked in {Wait}, nothing is sent before")]
        public static partial void CheckPending(ILogger logger, string messageKey, string to, string? errorCode, TimeSpan wait);

        [LoggerMessage(7, LogLevel.Information, "SMS {MessageKey} to {To} was held back as a repeated text before; not sending it")]
        public static partial void AlreadySuppressed(ILogger logger, string messageKey, string to);

        [LoggerMessage(8, LogLevel.Information, "SMS {MessageKey} to {To} of unknown outcome is at the provider as {Sid} ({ProviderStatus}); recorded as sent, not sent again")]
        public static partial void FoundAtProvider(ILogger logger, string messageKey, string to, string? sid, string? providerStatus);

        [LoggerMessage(9, LogLevel.Warning, "SMS {MessageKey} to {To} of unknown outcome is not at the provider; sending it again ({Resend} of at most {MaxResends})")]
        public static partial void NotAtProvider(ILogger logger, string messageKey, string to, int resend, int maxResends);

        [LoggerMessage(10, LogLevel.Warning, "SMS {MessageKey} to {To}: could not ask the provider about a send of unknown outcome ({ErrorCode}); asking again in {Wait}, sending nothing")]
        public static partial void LookupFailed(ILogger logger, string messageKey, string to, string? errorCode, TimeSpan wait);

        [LoggerMessage(11, LogLevel.Error, "SMS {MessageKey} to {To}: {Sends} sends had unknown outcomes and the provider has none of them; given up as failed")]
        public static partial void NotConfirmed(ILogger logger, string messageKey, string to, int sends);

        [LoggerMessage(5, LogLevel.Error, "SMS {MessageKey}: could not record outcome {State} in the ledger (HTTP {Status} {ErrorCode})")]
        public static partial void RecordFailed(ILogger logger, string messageKey, string? state, int status, string? errorCode);
    }
}
