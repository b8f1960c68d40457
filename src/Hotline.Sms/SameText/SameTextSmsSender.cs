using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Hotline.Sms.Phones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.SameText;

/// <summary>
/// The operator rule that no phone gets the same text twice within <see cref="SmsOptions.SameTextWindow"/> (24 h),
/// whatever template or producer made it. Before the provider is called, the text claims a row keyed by the keyed phone
/// hash and a hash of the body in each day partition its window touches (<see cref="SameTextKeys"/>), its own day first:
/// an insert, or an ETag-conditional update of a row older than the window. A younger row of another message key means
/// the same text went out already: this one is <see cref="SmsSendStatus.Suppressed"/> (and gives up what it claimed).
/// Two identical texts sent at once meet at the insert into the first day both write, and the one that loses it is
/// suppressed. A row of the same key is this text's own earlier try, and goes on to the provider, whose message-key
/// de-duplication answers it. A text the provider did not take (retry later, permanent failure) gives its claims up, so
/// an identical text may still go. Expired days are deleted by <see cref="SameTextExpiry"/>.
/// </summary>
public sealed partial class SameTextSmsSender(
    ISmsSender inner,
    TableClient recent,
    PhoneHash phoneHash,
    TimeSpan window,
    TimeProvider time,
    ILogger<SameTextSmsSender> logger) : ISmsSender
{
    private const int MaxClaimRounds = 3;

    public async Task<SmsSendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        if (sms.Problem() is not null)
        {
            // Nothing to claim: the provider rejects it without sending.
            return await inner.SendAsync(sms, cancellationToken);
        }

        var phone = phoneHash.Compute(sms.To);
        var rk = SameTextKeys.Row(phone, BodyHash(sms.Body));
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var now = time.GetUtcNow();
            var claims = new List<Claim>();
            var lost = false;
            TableEntity? earlier = null;
            foreach (var pk in SameTextKeys.Partitions(now, window))
            {
                var (claim, found) = await ClaimAsync(sms, pk, rk, now, cancellationToken);
                if (claim is null)
                {
                    (lost, earlier) = (true, found);
                    break;
                }

                claims.Add(claim);
            }

            if (lost)
            {
                // Give up only what this try wrote: a row of this key from an earlier try may stand for a text that went.
                await ReleaseAsync(rk, claims.Where(c => c.Written));
                if (earlier is not null)
                {
                    return await SuppressAsync(sms, earlier, now, cancellationToken);
                }

                continue;
            }

            var result = await inner.SendAsync(sms, cancellationToken);
            if (result.Status is SmsSendStatus.RetryLater or SmsSendStatus.PermanentFailure)
            {
                await ReleaseAsync(rk, claims);
            }

            return result;
        }

        return SmsSendResult.RetryLater(SmsErrorCodes.InFlight, "The same text to this phone is being sent by another worker.");
    }

    /// <summary>
    /// Claims the row of one day: the claim, or none with the younger row of another key that holds the text back
    /// (none with no row: another text changed it meanwhile, so the round starts again).
    /// </summary>
    private async Task<(Claim? Claim, TableEntity? Earlier)> ClaimAsync(OutgoingSms sms, string pk, string rk, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return (new Claim(pk, NewETag(await recent.AddEntityAsync(Row(sms, pk, rk, now), cancellationToken)), Written: true), null);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            // Someone's row: read it below.
        }

        var found = await recent.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return (null, null);
        }

        var row = found.Value!;
        if (row.GetString("MessageKey") == sms.MessageKey)
        {
            return (new Claim(pk, row.ETag, Written: false), null);
        }

        if (row.GetDateTimeOffset("SentAt") is { } sentAt && now - sentAt < window)
        {
            return (null, row);
        }

        try
        {
            return (new Claim(pk, NewETag(await recent.UpdateEntityAsync(Row(sms, pk, rk, now), row.ETag, TableUpdateMode.Merge, cancellationToken)), Written: true), null);
        }
        catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// Counts the suppression on the row, so the table shows how often the rule held a text back. Best effort: a count
    /// lost to a concurrent write changes nothing about the decision.
    /// </summary>
    private async Task<SmsSendResult> SuppressAsync(OutgoingSms sms, TableEntity earlier, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sentAt = earlier.GetDateTimeOffset("SentAt") ?? now;
        var earlierKey = earlier.GetString("MessageKey") ?? "";
        Log.Suppressed(logger, sms.MessageKey, sms.Template, PhoneMask.Mask(sms.To), earlierKey, now - sentAt);
        var count = new TableEntity(earlier.PartitionKey, earlier.RowKey)
        {
            ["Suppressed"] = (earlier.GetInt32("Suppressed") ?? 0) + 1,
            ["LastSuppressedKey"] = sms.MessageKey,
            ["LastSuppressedAt"] = now,
        };
        try
        {
            await recent.UpdateEntityAsync(count, earlier.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            // Another send changed the row meanwhile; the text stays suppressed.
        }

        return SmsSendResult.Suppressed(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The same text went to this phone at {sentAt:O} as {earlierKey}."));
    }

    /// <summary>Never with the caller's token: the outcome is what the caller needs. A lost delete holds the text back until the window ends.</summary>
    private async Task ReleaseAsync(string rk, IEnumerable<Claim> claims)
    {
        foreach (var claim in claims)
        {
            try
            {
                await recent.DeleteEntityAsync(claim.PartitionKey, rk, claim.ETag, CancellationToken.None);
            }
            catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
            {
                // Another text claimed it meanwhile.
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or TimeoutException)
            {
                Log.ReleaseFailed(logger, rk[..PhoneHash.DefaultHexLength], ex.GetType().Name);
            }
        }
    }

    private static TableEntity Row(OutgoingSms sms, string pk, string rk, DateTimeOffset now) => new(pk, rk)
    {
        ["MessageKey"] = sms.MessageKey,
        ["Template"] = sms.Template,
        ["SentAt"] = now,
    };

    /// <summary>
    /// SHA-256 of the rendered body: the row needs only to tell texts apart, and the body (which may quote a caller's
    /// words) is not stored. 128 bits, as <see cref="PhoneHash"/>, so two different texts never share a row.
    /// </summary>
    internal static string BodyHash(string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..PhoneHash.DefaultHexLength];

    /// <summary>A day's row this try holds; <paramref name="Written"/> when this try wrote it (not a row of its own key from before).</summary>
    private sealed record Claim(string PartitionKey, ETag ETag, bool Written);

    private static ETag NewETag(Response response) =>
        response.Headers.ETag ?? throw new InvalidOperationException("The table service answered a write without an ETag.");

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SMS {MessageKey} [{Template}] to {To} not sent: the same text went to this phone as {EarlierKey} {Ago} ago")]
        public static partial void Suppressed(ILogger logger, string messageKey, string template, string to, string earlierKey, TimeSpan ago);

        [LoggerMessage(2, LogLevel.Warning, "Could not give up the same-text claim of phone {PhoneHash} ({Exception}); an identical text waits for the window to end")]
        public static partial void ReleaseFailed(ILogger logger, string phoneHash, string exception);
    }
}
