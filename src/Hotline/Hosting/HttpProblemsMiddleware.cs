using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Hotline.Hosting;

/// <summary>
/// An HTTP function that throws answers 500 problem details, as SPEC asks of every error. Without this the worker
/// writes an empty 200 and reports the failure only to the host. Queue and timer functions are not wrapped: their
/// failure must reach the host, which retries the message and finally poison-queues it.
/// </summary>
public sealed partial class HttpProblemsMiddleware(ILogger<HttpProblemsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public static bool AppliesTo(FunctionContext context) => HttpFunctions.IsHttp(context);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { RequestAborted.IsCancellationRequested: false })
        {
            // The invocation now counts as a success, so the host logs nothing: log it here.
            LogFailed(logger, e, context.FunctionDefinition.Name);
            context.GetInvocationResult().Value = TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "Something went wrong",
                detail: "The request could not be completed. Please try again later.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{FunctionName} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName);
}
