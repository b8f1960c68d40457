using System.Diagnostics;
using System.Net;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Invocation;
using Hotline.LocalHost.Rpc;
using Hotline.LocalHost.Worker;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Hotline.LocalHost.Http;

/// <summary>
/// Runs an HTTP function the way the Functions host does with the ASP.NET Core integration: checks the key, forwards
/// the raw request (path and query bytes unchanged) to the worker's own listener with <c>x-ms-invocation-id</c>, sends
/// the InvocationRequest, and streams the worker's answer back. Like Azure's front end it sets X-Forwarded-For/-Proto/-Host
/// from the connection (a client cannot choose its own address). A client that goes away gets its invocation cancelled.
/// A function with queue outputs has its answer held until the outputs are written (a 202 then means durable).
/// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script.Grpc/Server/DefaultHttpProxyService.cs
/// </summary>
internal sealed partial class HttpFunctionForwarder : IDisposable
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private const int MaxForwardAttempts = 10;

    /// <summary>Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection; X-Forwarded-* are the host's to set.</summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Host",
        "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Forwarded", InvocationIdHeader,
    };

    private static readonly HashSet<string> NotReturned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade",
    };

    private readonly WorkerSupervisor supervisor;
    private readonly FunctionKeys keys;
    private readonly OutputBindingWriter outputs;
    private readonly InvocationTracker tracker;
    private readonly TimeSpan? functionTimeout;
    private readonly ILogger logger;
    private readonly HttpMessageInvoker client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    public HttpFunctionForwarder(
        WorkerSupervisor supervisor, FunctionKeys keys, OutputBindingWriter outputs, InvocationTracker tracker, TimeSpan? functionTimeout, ILogger<HttpFunctionForwarder> logger)
    {
        this.supervisor = supervisor;
        this.keys = keys;
        this.outputs = outputs;
        this.tracker = tracker;
        this.functionTimeout = functionTimeout;
        this.logger = logger;
    }

    public void Dispose() => client.Dispose();

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            // The worker's answers go back as they are.
            pages.Enabled = false;
        }

        string name = context.GetEndpoint()?.Metadata.GetMetadata<FunctionEndpointMetadata>()?.FunctionName ?? string.Empty;
        if (supervisor.Current is not { HttpUri: not null } worker || worker.Catalog.Find(name) is not { } function)
        {
            await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Functions worker not running", supervisor.Status);
            return;
        }

        int access = KeyAuthorization.Check(context.Request, function.Info.AuthLevel, keys);
        if (access != StatusCodes.Status200OK)
        {
            await Problems.WriteAsync(
                context,
                access,
                access == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden",
                access == StatusCodes.Status401Unauthorized
                    ? $"'{function.Name}' needs a {function.Info.AuthLevel.ToString().ToLowerInvariant()} key in the '{KeyAuthorization.HeaderName}' header or the '{KeyAuthorization.QueryName}' query parameter."
                    : $"'{function.Name}' needs the master key.");
            return;
        }

        if (FirstNonAsciiHeader(context.Request.Headers) is { } header)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad request", $"The '{header}' header holds bytes that are not ASCII.");
            return;
        }

        if (worker.LoadErrors.TryGetValue(function.FunctionId, out string? loadError))
        {
            await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Function not loaded", loadError);
            return;
        }

        await ForwardAsync(context, worker, function);
    }

    private async Task ForwardAsync(HttpContext context, ReadyWorker worker, WorkerFunction function)
    {
        string invocationId = Guid.NewGuid().ToString();
        using IDisposable running = tracker.Begin();
        using var invocationLimit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, tracker.Aborted);
        if (functionTimeout is { } timeout)
        {
            invocationLimit.CancelAfter(timeout);
        }

        ExecutionLog.Executing(logger, function.Name, "This HTTP function was called.", invocationId);
        long started = Stopwatch.GetTimestamp();
        Task<HttpResponseMessage> forwarding = SendWithRetryAsync(context, worker.HttpUri!, invocationId, invocationLimit.Token);
        Task<InvocationResponse> invocation = worker.Connection.InvokeAsync(BuildInvocation(context, function, invocationId), invocationLimit.Token);
        HttpResponseMessage response;
        try
        {
            response = await forwarding;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            await invocationLimit.CancelAsync();
            await FailForwardAsync(context, function, invocationId, started, exception);
            await Observe(invocation);
            return;
        }

        using (response)
        {
            bool emptyOk = response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentLength == 0;
            if (function.HasHostOutputs || emptyOk)
            {
                await AnswerAfterInvocationAsync(context, function, invocationId, started, response, invocation);
                return;
            }

            try
            {
                await CopyResponseAsync(response, context, bufferedBody: null);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
            {
                // The client went away or the worker broke off its answer mid-way: nothing more can be sent.
                await invocationLimit.CancelAsync();
                context.Abort();
            }
        }

        LogOutcome(function, invocationId, started, await Observe(invocation));
    }

    /// <summary>
    /// Like the host's RetryProxyHandler: a connection the worker's listener refuses (it may still be starting) is
    /// tried again up to 10 times, 50 ms apart growing to 250 ms; nothing of the body has been read then.
    /// </summary>
    private async Task<HttpResponseMessage> SendWithRetryAsync(HttpContext context, Uri workerUri, string invocationId, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            HttpRequestMessage request = CreateRequest(context, workerUri, invocationId);
            try
            {
                return await client.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError && attempt < MaxForwardAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, 50 * attempt)), cancellationToken);
            }
            finally
            {
                request.Dispose();
            }
        }
    }

    /// <summary>
    /// The worker answers an HTTP function that throws with an empty 200; the failure is only in the InvocationResponse,
    /// so such an answer waits for it and becomes a 500 problem. Queue outputs are written before the answer is sent.
    /// </summary>
    private async Task AnswerAfterInvocationAsync(
        HttpContext context, WorkerFunction function, string invocationId, long started, HttpResponseMessage response, Task<InvocationResponse> invocation)
    {
        byte[] body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        InvocationOutcome outcome = await Observe(invocation);
        if (outcome.Succeeded && function.HasHostOutputs)
        {
            try
            {
                await outputs.WriteAsync(function, await invocation, context.RequestAborted);
            }
            catch (Exception exception) when (exception is Azure.RequestFailedException or HttpRequestException or IOException or AggregateException)
            {
                LogOutcome(function, invocationId, started, InvocationOutcome.Failure(invocationId, "Writing the output bindings failed: " + exception.Message));
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "The function's queue messages could not be stored; try again.");
                return;
            }
        }

        LogOutcome(function, invocationId, started, outcome);
        if (!outcome.Succeeded && body.Length == 0 && response.StatusCode == HttpStatusCode.OK)
        {
            await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Function failed", $"'{function.Name}' failed (invocation {invocationId}); see the host's log.");
            return;
        }

        await CopyResponseAsync(response, context, body);
    }

    private async Task FailForwardAsync(HttpContext context, WorkerFunction function, string invocationId, long started, Exception exception)
    {
        if (IsBadRequestBody(exception))
        {
            // The client's body broke off (bad chunking, shorter than Content-Length): its fault, answered as such.
            LogOutcome(function, invocationId, started, InvocationOutcome.Failure(invocationId, "The request body could not be read: " + exception.Message));
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad request", "The request body is malformed or shorter than its Content-Length.");
            return;
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            LogOutcome(function, invocationId, started, InvocationOutcome.Failure(invocationId, "The client went away; the invocation was cancelled."));
            return;
        }

        if (exception is OperationCanceledException)
        {
            LogOutcome(function, invocationId, started, InvocationOutcome.Failure(invocationId, "Timed out (functionTimeout)."));
            await Problems.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "Function timed out", $"'{function.Name}' ran longer than the functionTimeout.");
            return;
        }

        LogOutcome(function, invocationId, started, InvocationOutcome.Failure(invocationId, "The worker did not answer: " + exception.Message));
        await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Functions worker not answering", "The Functions worker did not answer; it may be restarting.");
    }

    private static bool IsBadRequestBody(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<InvocationOutcome> Observe(Task<InvocationResponse> invocation)
    {
        string id = string.Empty;
        try
        {
            InvocationResponse response = await invocation;
            id = response.InvocationId;
            return response.Result?.Status == StatusResult.Types.Status.Success
                ? InvocationOutcome.Success(id)
                : InvocationOutcome.Failure(id, WorkerSupervisor.Describe(response.Result));
        }
        catch (WorkerGoneException exception)
        {
            Log.WorkerGone(logger, exception.Message);
            return InvocationOutcome.Failure(id, exception.Message);
        }
    }

    private void LogOutcome(WorkerFunction function, string invocationId, long started, InvocationOutcome outcome)
    {
        long elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (outcome.Succeeded)
        {
            ExecutionLog.Succeeded(logger, function.Name, invocationId, elapsed);
        }
        else
        {
            ExecutionLog.Failed(logger, function.Name, invocationId, elapsed, PhoneNumbers.Mask(outcome.FailureMessage ?? string.Empty));
        }
    }

    private static InvocationRequest BuildInvocation(HttpContext context, WorkerFunction function, string invocationId)
    {
        var routeValues = new List<KeyValuePair<string, string?>>();
        if (context.GetEndpoint() is RouteEndpoint endpoint)
        {
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                routeValues.Add(new(parameter.Name, context.Request.RouteValues.TryGetValue(parameter.Name, out object? value) ? value?.ToString() ?? string.Empty : string.Empty));
            }
        }

        return TriggerData.Http(
            function,
            invocationId,
            routeValues,
            context.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())),
            context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())));
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, Uri workerUri, string invocationId)
    {
        HttpRequest incoming = context.Request;

        // The raw target keeps the path and query exactly as the caller encoded them.
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw.StartsWith('/')
            ? raw
            : incoming.PathBase + incoming.Path + incoming.QueryString;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(workerUri, target))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        bool hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? incoming.ContentLength > 0;
        if (hasBody)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach ((string name, StringValues values) in incoming.Headers)
        {
            if (NotForwarded.Contains(name))
            {
                continue;
            }

            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        // Set, not appended: what the client claims about itself is dropped, as Azure's front end does.
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        if (incoming.Host.HasValue)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        }

        request.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        return request;
    }

    private static async Task CopyResponseAsync(HttpResponseMessage response, HttpContext context, byte[]? bufferedBody)
    {
        HttpResponse outgoing = context.Response;
        outgoing.StatusCode = (int)response.StatusCode;
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotReturned.Contains(header.Key))
            {
                outgoing.Headers[header.Key] = header.Value.ToArray();
            }
        }

        if (bufferedBody is not null)
        {
            await outgoing.Body.WriteAsync(bufferedBody, context.RequestAborted);
            return;
        }

        await response.Content.CopyToAsync(outgoing.Body, context.RequestAborted);
    }

    private static string? FirstNonAsciiHeader(IHeaderDictionary headers)
    {
        foreach ((string name, StringValues values) in headers)
        {
            foreach (string? value in values)
            {
                if (value is not null && value.Any(c => c > '\u007f'))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Invocation ended without an answer: {Reason}")]
        public static partial void WorkerGone(ILogger logger, string reason);
    }
}
