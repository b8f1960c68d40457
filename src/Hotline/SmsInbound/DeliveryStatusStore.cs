using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.SmsInbound;

/// <summary>
/// The last known delivery status of each text we sent, from Twilio's status callbacks. Key scheme of the
/// smsdelivery table: PartitionKey = MessageSid, RowKey = "status". Writes are ETag-conditional, so two callbacks
/// arriving together cannot move a status backwards.
/// </summary>
public sealed class DeliveryStatusStore(HotlineStorage storage, TimeProvider time)
{
    private const string Row = "status";
    private const int MaxAttempts = 5;

    /// <summary>Records the status when it is further along than the one stored; false when it was not.</summary>
    public async Task<bool> RecordAsync(string messageSid, string status, int rank, string? errorCode, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await storage.SmsDelivery.GetEntityOrNullAsync(messageSid, Row, cancellationToken: cancellationToken);
            if (stored?.GetInt32("Rank") is { } storedRank && storedRank >= rank)
            {
                return false;
            }

            var row = new TableEntity(messageSid, Row)
            {
                ["Status"] = status,
                ["Rank"] = rank,
                ["UpdatedAt"] = time.GetUtcNow(),
            };
            if (!string.IsNullOrEmpty(errorCode))
            {
                row["ErrorCode"] = errorCode;
            }

            try
            {
                if (stored is null)
                {
                    await storage.SmsDelivery.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await storage.SmsDelivery.UpdateEntityAsync(row, stored.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return true;
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed && attempt < MaxAttempts)
            {
                // Another callback for this message wrote first: read again and compare again.
            }
        }
    }
}
