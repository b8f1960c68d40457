using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.SmsInbound;

/// <summary>
/// Every inbound text by MessageSid, with the TwiML it was answered with: Twilio may deliver a webhook again (a
/// fallback URL, a retry after a timeout, https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides),
/// and a repeat must get the same answer without acting twice (SPEC "SMS"). The sid is claimed before any work;
/// the answer is stored after. Key scheme of the smsinbound table: PartitionKey = MessageSid, RowKey = "reply".
/// </summary>
public sealed class InboundMessageLog(HotlineStorage storage, TimeProvider time)
{
    private const string Row = "reply";

    /// <summary>What a claim found: this delivery is the one to answer (<see cref="Owned"/>), or an earlier answer.</summary>
    public sealed record Claim(bool Owned, string? StoredReply, ETag ETag);

    /// <summary>
    /// Claims the sid. A sid already answered returns that answer; one still being answered (claimed less than
    /// <paramref name="inFlightTimeout"/> ago) is not owned; an older unfinished claim is a delivery that died part-way
    /// and is taken over, under its ETag so only one repeat takes it.
    /// </summary>
    public async Task<Claim> ClaimAsync(string messageSid, string phoneHash, TimeSpan inFlightTimeout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = new TableEntity(messageSid, Row) { ["ClaimedAt"] = now, ["PhoneHash"] = phoneHash };
        try
        {
            return new Claim(true, null, (await storage.SmsInbound.AddEntityAsync(row, cancellationToken)).NewETag());
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            // Delivered before: answer as then, or take over an attempt that stopped.
        }

        var stored = await storage.SmsInbound.GetEntityOrNullAsync(messageSid, Row, cancellationToken: cancellationToken);
        if (stored is null)
        {
            return new Claim(false, null, default);
        }

        if (stored.GetString("Reply") is { } reply)
        {
            return new Claim(false, reply, stored.ETag);
        }

        if (now - (stored.GetDateTimeOffset("ClaimedAt") ?? now) < inFlightTimeout)
        {
            return new Claim(false, null, stored.ETag);
        }

        try
        {
            return new Claim(true, null, (await storage.SmsInbound.UpdateEntityAsync(row, stored.ETag, TableUpdateMode.Replace, cancellationToken)).NewETag());
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status412PreconditionFailed)
        {
            return new Claim(false, null, default);
        }
    }

    /// <summary>Stores the answer; the template name is kept for the record without the text's parameters.</summary>
    public async Task CompleteAsync(string messageSid, Claim claim, string twiml, string? template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var row = new TableEntity(messageSid, Row)
        {
            ["AnsweredAt"] = time.GetUtcNow(),
            ["Reply"] = twiml,
            ["Template"] = template ?? "",
        };
        try
        {
            await storage.SmsInbound.UpdateEntityAsync(row, claim.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status412PreconditionFailed)
        {
            // A repeat took this delivery over as stalled and answers it; its answer stands.
        }
    }
}
