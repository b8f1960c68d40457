using System.Globalization;
using Hotline.Intake;
using Hotline.Routing;
using Hotline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;

namespace Hotline.Hosting;

/// <summary>
/// An HTTP function that could not reach storage within the clients' bounds (<see cref="StorageOptions.CallBudget"/>
/// per call) answers 503 with Retry-After, in one place for every HTTP function: a problem detail, or for the web
/// form's post the form again with what the caller wrote, and for the caller's pages a page. Nothing that failed so
/// was answered as done, so trying again is safe; a case stored before the failure is routed by its routing check.
/// Open311 functions answer their standard's error document instead (<c>Open311ErrorsMiddleware</c>, inside this one);
/// a streamed answer already under way (the ledger) can only be cut off, as before.
/// </summary>
public sealed partial class StorageUnavailableMiddleware(
    IOptions<StorageOptions> storage,
    IOptions<IntakeOptions> intake,
    DirectoryProvider directories,
    ILogger<StorageUnavailableMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public static bool AppliesTo(FunctionContext context) => HttpFunctions.IsHttp(context);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = HttpFunctions.Http(context);
        var formPost = IsFormSubmission(context, http.Request);
        if (formPost)
        {
            // The function reads the body once; kept, the 503 page can show the caller what they wrote.
            http.Request.EnableBuffering();
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested
            && !http.Response.HasStarted && StorageOutage.IsUnreachable(e))
        {
            LogUnavailable(logger, e, context.FunctionDefinition.Name);
            var retryAfter = storage.Value.UnavailableRetryAfter;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            context.GetInvocationResult().Value = formPost
                ? await FormAgainAsync(http.Request)
                : context.FunctionDefinition.Name == nameof(WebFormFunctions.WebForm)
                    ? SubmissionPages.UnavailablePage(http.Request)
                    : TypedResults.Problem(
                        statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Service unavailable",
                        detail: "Storage could not be reached; nothing was saved as done. Please try again after the time in Retry-After.");
        }
    }

    private static bool IsFormSubmission(FunctionContext context, HttpRequest request) =>
        context.FunctionDefinition.Name == nameof(SubmissionFunctions.SubmitCase) && SubmissionPages.IsBrowserFormPost(request);

    private async Task<IResult> FormAgainAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        var read = await SubmissionReader.ReadAsync(request, intake.Value.MaxBodyBytes, request.HttpContext.RequestAborted);

        // The directory as last seen: reading it again would wait on the storage that is down.
        return SubmissionPages.Unavailable(request, read.Fields, directories.Current, intake.Value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{FunctionName} answered 503: storage could not be reached in time")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string functionName);
}
