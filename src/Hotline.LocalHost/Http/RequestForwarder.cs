using System.Diagnostics;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Handler;
using Hotline.LocalHost.Invocation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Http;

/// <summary>
/// enableForwardingHttpRequest: the original request (method, path with the route prefix, query, headers, body
/// streamed) goes to the handler, and its raw response (status, headers, body) comes back unchanged; redirects are
/// not followed.
/// https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#http-only-function
/// https://github.com/Azure/azure-functions-host/issues/6462 (the forwarded path is the original one)
/// </summary>
internal sealed class RequestForwarder
{
    /// <summary>Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded.</summary>
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade",
    };

    private readonly HandlerClient handler;
    private readonly ILogger logger;

    public RequestForwarder(HandlerClient handler, ILogger<RequestForwarder> logger)
    {
        this.handler = handler;
        this.logger = logger;
    }

    public async Task ForwardAsync(HttpContext context, FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(function);
        var invocationId = Guid.NewGuid();
        ExecutionLog.Executing(logger, function.Name, "This function was programmatically called via the host APIs.", invocationId);
        long started = Stopwatch.GetTimestamp();
        try
        {
            using HttpRequestMessage request = CreateRequest(context);
            HandlerClient.AddHostHeaders(request, invocationId);
            using HttpResponseMessage response = await handler.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            await CopyResponseAsync(response, context);
            ExecutionLog.Succeeded(logger, function.Name, invocationId, Elapsed(started));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            // The host fails the invocation and answers 500 when the handler cannot be reached or times out.
            ExecutionLog.Failed(logger, function.Name, invocationId, Elapsed(started), exception.Message);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    private HttpRequestMessage CreateRequest(HttpContext context)
    {
        HttpRequest incoming = context.Request;

        // The raw target keeps the path and query exactly as the caller encoded them.
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw.StartsWith('/')
            ? raw
            : incoming.PathBase + incoming.Path + incoming.QueryString;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), handler.UriFor(target));
        bool hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? incoming.ContentLength > 0;
        if (hasBody)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in incoming.Headers)
        {
            if (HopByHop.Contains(name))
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

        return request;
    }

    private static async Task CopyResponseAsync(HttpResponseMessage response, HttpContext context)
    {
        HttpResponse outgoing = context.Response;
        outgoing.StatusCode = (int)response.StatusCode;
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key))
            {
                outgoing.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await response.Content.CopyToAsync(outgoing.Body, context.RequestAborted);
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
