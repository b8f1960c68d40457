using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.TestWorker;

/// <summary>Queue functions: a typed message with trigger metadata and an output, the SDK type, and one that always fails.</summary>
public sealed partial class QueueFunctions(ILogger<QueueFunctions> logger)
{
    [Function("OrderPlaced")]
    [QueueOutput("%OrdersDoneQueue%")]
    public string OrderPlaced(
        [QueueTrigger("%OrdersQueue%")] Order order,
        string id,
        long dequeueCount,
        DateTimeOffset insertionTime,
        DateTimeOffset expirationTime,
        DateTimeOffset nextVisibleTime,
        string popReceipt)
    {
        LogOrder(logger, order.OrderId, order.Quantity, order.Phone, id, dequeueCount, insertionTime, expirationTime, nextVisibleTime, popReceipt.Length > 0);
        return "done:" + order.OrderId;
    }

    [Function("RawItem")]
    public void RawItem([QueueTrigger("%RawQueue%")] QueueMessage message) =>
        LogRaw(logger, message.MessageId, message.DequeueCount, message.MessageText, message.InsertedOn, message.PopReceipt is { Length: > 0 });

    [Function("AlwaysFails")]
    public void AlwaysFails([QueueTrigger("%FailQueue%")] string text, long dequeueCount)
    {
        LogFailing(logger, text, dequeueCount);
        throw new InvalidOperationException("AlwaysFails failed on purpose.");
    }

    [LoggerMessage(1, LogLevel.Information, "OrderPlaced {OrderId} x{Quantity} for {Phone}: id={Id} dequeueCount={DequeueCount} inserted={Inserted:o} expires={Expires:o} nextVisible={NextVisible:o} popReceipt={HasPopReceipt}")]
    private static partial void LogOrder(
        ILogger logger, string orderId, int quantity, string phone, string id, long dequeueCount, DateTimeOffset inserted, DateTimeOffset expires, DateTimeOffset nextVisible, bool hasPopReceipt);

    [LoggerMessage(2, LogLevel.Information, "RawItem {MessageId} dequeueCount={DequeueCount} text={Text} inserted={Inserted:o} popReceipt={HasPopReceipt}")]
    private static partial void LogRaw(ILogger logger, string messageId, long dequeueCount, string text, DateTimeOffset? inserted, bool hasPopReceipt);

    [LoggerMessage(3, LogLevel.Information, "AlwaysFails {Text} attempt {DequeueCount}")]
    private static partial void LogFailing(ILogger logger, string text, long dequeueCount);
}
