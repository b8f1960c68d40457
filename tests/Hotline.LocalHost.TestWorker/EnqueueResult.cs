using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.LocalHost.TestWorker;

/// <summary>An HTTP answer plus a queue message: the host writes the message, the worker writes the answer.</summary>
public sealed class EnqueueResult
{
    [QueueOutput("%OutQueue%")]
    public string? Message { get; init; }

    [HttpResult]
    public required IResult Http { get; init; }
}
