using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Hotline.Open311;

/// <summary>
/// An Open311 function that throws (storage down, say) answers the standard's "general service error": 400 with the
/// errors document in the path's format, never the rest of the app's 500 problem details, which no Open311 client
/// reads. Its code 503 tells the partner to try again; nothing was answered as done, so a retry is safe.
/// </summary>
public sealed partial class Open311ErrorsMiddleware(ILogger<Open311ErrorsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { RequestAborted.IsCancellationRequested: false } http)
        {
            LogFailed(logger, e, context.FunctionDefinition.Name);
            context.GetInvocationResult().Value = Open311Answers.Errors(
                StatusCodes.Status400BadRequest,
                Open311Functions.FormatOfPath(http.Request.Path),
                new Open311Error(StatusCodes.Status503ServiceUnavailable, "General service error: the request could not be completed. Please try again later."));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{FunctionName} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName);
}
