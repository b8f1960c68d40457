using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Hotline.FollowUp;
using Hotline.Storage;
using Microsoft.Extensions.Options;

namespace Hotline.Sms;

/// <summary>
/// The smsheld table and its release schedule. Key scheme: PartitionKey = a hash of the message key, RowKey "held";
/// the row keeps the whole request. Each held text has a follow-up of kind <see cref="Kind"/> due when quiet hours
/// end, whose subject starts with the time it was held, so the due-check loop releases the oldest first.
/// </summary>
public sealed class HeldTexts(HotlineStorage storage, FollowUpIndex followUps, IOptions<QuietHoursOptions> quietHours, TimeProvider time)
{
    /// <summary>The <see cref="FollowUpIndex"/> partition of held texts' releases.</summary>
    public const string Kind = "held-sms";

    private const string Row = "held";

    /// <summary>
    /// Stores the text, then schedules its release for the end of these quiet hours: a crash between the two leaves a
    /// row the redelivered message finds and schedules. A text held twice (the queue delivered it again) keeps its
    /// first time, so one release.
    /// </summary>
    public async Task<HeldText> HoldAsync(SmsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var releaseAt = quietHours.Value.EndAfter(now);
        var id = IdOf(request.MessageKey);
        var held = new HeldText(id, request, now, releaseAt, null, default);
        for (var round = 0; round < 2; round++)
        {
            try
            {
                await storage.SmsHeld.AddEntityAsync(new TableEntity(id, Row)
                {
                    ["Request"] = JsonSerializer.Serialize(request, HotlineJsonContext.Default.SmsRequest),
                    ["Template"] = request.Template,
                    ["TicketId"] = request.TicketId,
                    ["HeldAt"] = now,
                    ["ReleaseAt"] = releaseAt,
                }, cancellationToken);
                break;
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
            {
                // Held already: keep that one. Released in between: hold this one afresh.
                if (await GetAsync(id, cancellationToken) is { } earlier)
                {
                    held = earlier;
                    break;
                }
            }
        }

        await followUps.ScheduleAsync(Kind, Subject(held), held.ReleaseAt, cancellationToken);
        return held;
    }

    public async Task<HeldText?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await storage.SmsHeld.GetEntityOrNullAsync(id, Row, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var request = JsonSerializer.Deserialize(entity.GetString("Request") ?? "null", HotlineJsonContext.Default.SmsRequest)
            ?? throw new InvalidOperationException($"Held text {id} has no request.");
        return new HeldText(
            id,
            request,
            entity.GetDateTimeOffset("HeldAt") ?? default,
            entity.GetDateTimeOffset("ReleaseAt") ?? default,
            entity.GetDateTimeOffset("ClaimedUntil"),
            entity.ETag);
    }

    /// <summary>Claims the release until <paramref name="until"/>: of two runs at once, one wins (the ETag).</summary>
    public async Task<HeldText?> TryClaimAsync(HeldText held, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        try
        {
            var response = await storage.SmsHeld.UpdateEntityAsync(new TableEntity(held.Id, Row) { ["ClaimedUntil"] = until }, held.ETag, TableUpdateMode.Merge, cancellationToken);
            return held with { ClaimedUntil = until, ETag = response.NewETag() };
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    public async Task RemoveAsync(HeldText held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        try
        {
            await storage.SmsHeld.DeleteEntityAsync(held.Id, Row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // Released by another run already.
        }
    }

    /// <summary>The held row a release follow-up is about.</summary>
    public static string IdOfSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject[(subject.IndexOf('-', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>The time it was held first (19 digits sort as time), so rows due at the same moment go oldest first.</summary>
    public static string Subject(HeldText held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return string.Create(CultureInfo.InvariantCulture, $"{held.HeldAt.UtcTicks:D19}-{held.Id}");
    }

    /// <summary>Message keys may hold characters a table key may not ('/', '#', '?'); a hash has none and a fixed length.</summary>
    private static string IdOf(string messageKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageKey)))[..32];
}
