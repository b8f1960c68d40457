using Azure;
using Azure.Data.Tables;
using Hotline.Sms.Phones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Ledger;

/// <summary>
/// Makes a provider honour <see cref="OutgoingSms.MessageKey"/>: each key is claimed in a ledger table
/// (insert, or an ETag-conditional update) before the provider is called, marked "requesting" by the provider right
/// before its request goes out (<see cref="OutgoingSms.BeforeRequest"/>, conditional on the claim), and its outcome
/// recorded after. A key already sent or permanently failed answers from the ledger without calling the provider, so a
/// queue retry after a crash never sends a second text. A key claimed by a send still in flight answers RetryLater. A
/// send whose outcome is unknown (no answer after the request went out, or a "requesting" mark older than the claim
/// timeout: a sender that died with its request out) is recorded as unknown and never sent again: Twilio has no
/// idempotency key, so only a text we know was not taken may be sent again. A claim that timed out before its mark (a
/// sender that died before its request, e.g. during the same-text rule's writes) is such a text: it is claimed again
/// and sent, and the mark's condition keeps the first sender, should it be alive after all, from sending too. A text
/// the same-text rule held back is recorded as suppressed, so an admin finds it by its key, and answered so ever after.
/// </summary>
public sealed partial class DeduplicatingSmsSender(
    ISmsSender inner,
    TableClient ledger,
    PhoneHash phoneHash,
    TimeSpan claimTimeout,
    TimeProvider time,
    ILogger<DeduplicatingSmsSender> logger) : ISmsSender
{
    internal const string Sending = "sending";
    internal const string Requesting = "requesting";
    internal const string Sent = "sent";
    internal const string Failed = "failed";
    internal const string Retry = "retry";
    internal const string Unknown = "unknown";
    internal const string Suppressed = "suppressed";

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
            ETag claim;
            if (!found.HasValue)
            {
                try
                {
                    claim = NewETag(await ledger.AddEntityAsync(NewClaim(sms, pk, now, to), cancellationToken));
                }
                catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
                {
                    continue;
                }
            }
            else
            {
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

                if (state == Unknown)
                {
                    Log.AlreadyUnknown(logger, sms.MessageKey, to, existing.GetString("ErrorCode"));
                    return SmsSendResult.Unknown(existing.GetString("ErrorCode"), existing.GetString("Detail"));
                }

                if (state == Suppressed)
                {
                    Log.AlreadySuppressed(logger, sms.MessageKey, to);
                    return SmsSendResult.Suppressed(existing.GetString("Detail"));
                }

                var age = now - (existing.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue);
                if (state is Sending or Requesting && age < claimTimeout)
                {
                    Log.InFlight(logger, sms.MessageKey, to);
                    return SmsSendResult.RetryLater(SmsErrorCodes.InFlight, "Another send of this message is in progress.", claimTimeout - age);
                }

                if (state == Sending)
                {
                    // The sender stopped before its request went out (it never marked it): nothing was sent, so this
                    // try claims the key again below and sends.
                    Log.StaleUnsentClaim(logger, sms.MessageKey, to, age);
                }

                if (state == Requesting)
                {
                    // The sender died with its request out, at Twilio or on its way: the text may have gone.
                    Log.StaleClaim(logger, sms.MessageKey, to, age);
                    var expired = SmsSendResult.Unknown(SmsErrorCodes.ClaimExpired, "An earlier send stopped without an outcome; the text may have gone out.");
                    existing["State"] = Unknown;
                    existing["ErrorCode"] = expired.ErrorCode;
                    existing["Detail"] = expired.Detail;
                    existing["CompletedAt"] = now;
                    try
                    {
                        await ledger.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Merge, cancellationToken);
                    }
                    catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
                    {
                        continue;
                    }

                    return expired;
                }

                existing["State"] = Sending;
                existing["ClaimedAt"] = now;
                existing["Attempts"] = (existing.GetInt32("Attempts") ?? 0) + 1;
                try
                {
                    claim = NewETag(await ledger.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Merge, cancellationToken));
                }
                catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
                {
                    continue;
                }
            }

            var held = new Claim(claim);
            SmsSendResult result;
            try
            {
                result = await inner.SendAsync(sms with { BeforeRequest = token => MarkRequestingAsync(pk, held, token) }, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Senders honour the token only before their request goes out (the Twilio SDK takes none): nothing was
                // sent, so free the claim for the next try.
                await RecordAsync(pk, held.ETag, Retry, null, sms.MessageKey);
                throw;
            }
            catch (Exception ex)
            {
                // Before the mark nothing went out (the next try may send); after it, a sender's bug may have struck
                // with the request out.
                await RecordAsync(pk, held.ETag, held.Requested ? Unknown : Retry, held.Requested ? SmsSendResult.Unknown(SmsErrorCodes.ConnectionLost, ex.GetType().Name) : null, sms.MessageKey);
                throw;
            }

            if (held.TakenOver)
            {
                // Another try claimed the key meanwhile and records its own outcome; this one sent nothing.
                return result;
            }

            var outcome = result.Status switch
            {
                SmsSendStatus.Sent => Sent,
                SmsSendStatus.PermanentFailure => Failed,
                SmsSendStatus.Unknown => Unknown,
                SmsSendStatus.Suppressed => Suppressed,
                _ => Retry,
            };
            await RecordAsync(pk, held.ETag, outcome, result, sms.MessageKey);
            return result;
        }

        return SmsSendResult.RetryLater(SmsErrorCodes.InFlight, "The ledger entry for this message kept changing.");
    }

    /// <summary>
    /// The provider's last step before its request: "requesting" on the ledger entry, conditional on this try's claim.
    /// False when another try has claimed the key since (this one's claim timed out): then this one must not send.
    /// </summary>
    private async Task<bool> MarkRequestingAsync(string pk, Claim held, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(pk, SmsTableKeys.RowKey)
        {
            ["State"] = Requesting,
            ["RequestedAt"] = time.GetUtcNow(),
        };
        try
        {
            held.ETag = NewETag(await ledger.UpdateEntityAsync(entity, held.ETag, TableUpdateMode.Merge, cancellationToken));
            held.Requested = true;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            held.TakenOver = true;
            return false;
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

    /// <summary>
    /// Best effort, and never with the caller's token: when the text has gone out, failing here must not make the
    /// caller retry it. A lost write leaves a claim that times out.
    /// </summary>
    private async Task RecordAsync(string pk, ETag claim, string state, SmsSendResult? result, string messageKey)
    {
        var entity = new TableEntity(pk, SmsTableKeys.RowKey)
        {
            ["State"] = state,
            ["CompletedAt"] = time.GetUtcNow(),
        };
        if (result is not null)
        {
            entity["ProviderMessageId"] = result.ProviderMessageId;
            entity["ErrorCode"] = result.ErrorCode;
            entity["Detail"] = result.Detail;
            entity["Segments"] = result.Segments;
        }

        try
        {
            await ledger.UpdateEntityAsync(entity, claim, TableUpdateMode.Merge, CancellationToken.None);
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

    /// <summary>This try's hold on the ledger entry: the ETag of its last write, and how far the provider got.</summary>
    private sealed class Claim(ETag etag)
    {
        public ETag ETag { get; set; } = etag;

        public bool Requested { get; set; }

        public bool TakenOver { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SMS {MessageKey} to {To} was sent before; not sending it again")]
        public static partial void AlreadySent(ILogger logger, string messageKey, string to);

        [LoggerMessage(2, LogLevel.Information, "SMS {MessageKey} to {To} failed permanently before ({ErrorCode}); not sending it again")]
        public static partial void AlreadyFailed(ILogger logger, string messageKey, string to, string? errorCode);

        [LoggerMessage(3, LogLevel.Warning, "SMS {MessageKey} to {To} is being sent by another worker; retry later")]
        public static partial void InFlight(ILogger logger, string messageKey, string to);

        [LoggerMessage(8, LogLevel.Warning, "SMS {MessageKey} to {To}: an earlier send stopped {Age} ago before its request went out; sending it now")]
        public static partial void StaleUnsentClaim(ILogger logger, string messageKey, string to, TimeSpan age);

        [LoggerMessage(4, LogLevel.Error, "SMS {MessageKey} to {To}: an earlier send stopped {Age} ago without an outcome; it may have been sent and is not sent again")]
        public static partial void StaleClaim(ILogger logger, string messageKey, string to, TimeSpan age);

        [LoggerMessage(6, LogLevel.Warning, "SMS {MessageKey} to {To} has an unknown outcome ({ErrorCode}); not sending it again")]
        public static partial void AlreadyUnknown(ILogger logger, string messageKey, string to, string? errorCode);

        [LoggerMessage(7, LogLevel.Information, "SMS {MessageKey} to {To} was held back as a repeated text before; not sending it")]
        public static partial void AlreadySuppressed(ILogger logger, string messageKey, string to);

        [LoggerMessage(5, LogLevel.Error, "SMS {MessageKey}: could not record outcome {State} in the ledger (HTTP {Status} {ErrorCode})")]
        public static partial void RecordFailed(ILogger logger, string messageKey, string state, int status, string? errorCode);
    }
}
