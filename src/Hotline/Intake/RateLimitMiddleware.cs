using System.Globalization;
using System.Threading.RateLimiting;
using Hotline.Hosting;
using Hotline.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;

namespace Hotline.Intake;

/// <summary>
/// 429 with <c>Retry-After</c> before a rate-limited function runs: a problem detail for programs, the form again
/// (with what the caller typed) for a browser's form post, the status page's own language for a lookup page.
/// </summary>
public sealed class RateLimitMiddleware(IntakeRateLimits limits, DirectoryProvider directories, IOptions<IntakeOptions> options) : IFunctionsWorkerMiddleware
{
    public static bool AppliesTo(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.FunctionDefinition.Name is nameof(SubmissionFunctions.SubmitCase) or nameof(SubmissionFunctions.GetCaseStatus) or nameof(WebFormFunctions.WebForm);
    }

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = HttpFunctions.Http(context);
        using var lease = context.FunctionDefinition.Name switch
        {
            nameof(SubmissionFunctions.SubmitCase) => limits.AcquireSubmission(http),
            nameof(WebFormFunctions.WebForm) when !IsStatusPage(http.Request) => null,
            _ => limits.AcquireStatusLookup(http),
        };
        if (lease is null or { IsAcquired: true })
        {
            await next(context);
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.GetInvocationResult().Value = await RefusalAsync(context.FunctionDefinition.Name, http.Request, http.RequestAborted);
    }

    private async Task<IResult> RefusalAsync(string function, HttpRequest request, CancellationToken cancellationToken)
    {
        if (function == nameof(WebFormFunctions.WebForm))
        {
            return SubmissionPages.TooManyLookups(request);
        }

        if (function == nameof(SubmissionFunctions.SubmitCase) && SubmissionPages.IsBrowserFormPost(request))
        {
            var read = await SubmissionReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
            return SubmissionPages.TooMany(request, read.Fields, await directories.GetAsync(cancellationToken), options.Value);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many submissions", detail: "Please wait a minute and try again.");
    }

    private static bool IsStatusPage(HttpRequest request) =>
        string.Equals(request.Path.Value?.Trim('/'), WebFormFunctions.StatusPageName, StringComparison.Ordinal);
}
