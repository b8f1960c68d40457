using Azure;
using Azure.Data.Tables;
using Hotline.Sms.Phones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Ledger;

/// <summary>
/// Makes a provider honour <see cref="OutgoingSms.MessageKey"/>: each key is claimed in a ledger table
/// (insert, or an ETag-conditional update) before the provider is called, and its outcome recorded after. A key
/// already sent or permanently failed answers from the ledger without calling the provider, so a queue retry after a
/// crash never sends a second text. A key claimed by a send still in flight answers RetryLater. A send whose outcome
/// is unknown (no answer after the request went out, or a claim older than the claim timeout: a sender that died
/// mid-send) is recorded as unknown and never sent again: Twilio has no idempotency key, so only a text we know was
/// not taken may be sent again. A text the same-text rule held back is recorded as suppressed, so an admin finds it by
/// its key, and answered so ever after.
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

                if (state == Sending)
                {
                    var age = now - (existing.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue);
                    if (age < claimTimeout)
                    {
                        Log.InFlight(logger, sms.MessageKey, to);
                        return SmsSendResult.RetryLater(SmsErrorCodes.InFlight, "Another send of this message is in progress.", claimTimeout - age);
                    }

                    // The sender died mid-send, most likely while its request was at Twilio: the text may be out.
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

            SmsSendResult result;
            try
            {
                result = await inner.SendAsync(sms, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Senders honour the token only before their request goes out (the Twilio SDK takes none): nothing was
                // sent, so free the claim for the next try.
                await RecordAsync(pk, claim, Retry, null, sms.MessageKey);
                throw;
            }
            catch (Exception ex)
            {
                // A sender's bug may have struck after its request went out.
                await RecordAsync(pk, claim, Unknown, SmsSendResult.Unknown(SmsErrorCodes.ConnectionLost, ex.GetType().Name), sms.MessageKey);
                throw;
            }

            var outcome = result.Status switch
            {
                SmsSendStatus.Sent => Sent,
                SmsSendStatus.PermanentFailure => Failed,
                SmsSendStatus.Unknown => Unknown,
                SmsSendStatus.Suppressed => Suppressed,
                _ => Retry,
            };
            await RecordAsync(pk, claim, outcome, result, sms.MessageKey);
            return result;
        }

        return SmsSendResult.RetryLater(SmsErrorCodes.InFlight, "The ledger entry for this message kept changing.");
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

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SMS {MessageKey} to {To} was sent before; not sending it again")]
        public static partial void AlreadySent(ILogger logger, string messageKey, string to);

        [LoggerMessage(2, LogLevel.Information, "SMS {MessageKey} to {To} failed permanently before ({ErrorCode}); not sending it again")]
        public static partial void AlreadyFailed(ILogger logger, string messageKey, string to, string? errorCode);

        [LoggerMessage(3, LogLevel.Warning, "SMS {MessageKey} to {To} is being sent by another worker; retry later")]
        public static partial void InFlight(ILogger logger, string messageKey, string to);

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
