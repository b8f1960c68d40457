using System.Net.Sockets;
using Azure;

namespace Hotline.Storage;

/// <summary>
/// Tells a storage outage from a fault of the app. The SDK reports a request that got no answer within its tries as
/// <see cref="RequestFailedException"/> with status 0 (refused or reset), as the <see cref="TaskCanceledException"/>
/// of its network time-out, or, when several tries failed so, as an <see cref="AggregateException"/> of them
/// ("Retry failed after N tries"); a last try that was answered 408, 429 or 5xx surfaces as that answer.
/// </summary>
public static class StorageOutage
{
    /// <summary>
    /// Whether <paramref name="exception"/> means storage could not be reached (or was too busy) within the bounds.
    /// The caller must rule out its own cancellation first: a caller that went away also ends in a cancellation.
    /// </summary>
    public static bool IsUnreachable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnreachable),
            RequestFailedException { Status: 0 } => true,
            RequestFailedException { Status: StatusCodes.Status408RequestTimeout or StatusCodes.Status429TooManyRequests or >= 500 } => true,
            RequestFailedException => false,
            // The time-out of a try. And the SDK wraps transport errors in status 0, except one seen bare (and not
            // retried) in the fault test: SocketException 107, a connection reset as soon as it was made.
            OperationCanceledException or TimeoutException or SocketException or IOException or HttpRequestException => true,
            _ => false,
        };
    }
}
