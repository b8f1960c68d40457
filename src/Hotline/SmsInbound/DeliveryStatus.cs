namespace Hotline.SmsInbound;

/// <summary>
/// The order of Twilio's message statuses (https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks).
/// Callbacks can arrive out of order, so a status only replaces one of a lower rank. Inbound statuses
/// (receiving, received) are no news about a text we sent.
/// </summary>
public static class DeliveryStatus
{
    public static int? Rank(string? status) => status?.ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" => 0,
        "sending" => 1,
        "sent" => 2,
        "delivered" or "undelivered" or "failed" or "canceled" or "partially_delivered" => 3,
        "read" => 4,
        _ => null,
    };
}
