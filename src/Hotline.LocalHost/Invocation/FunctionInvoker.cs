using System.Diagnostics;
using System.Net.Http.Headers;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Handler;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// Sends an envelope to <c>POST /{FunctionName}</c> and completes the invocation like the host: a non-2xx status, a
/// non-JSON or empty body, or a transport error fails it; otherwise <c>Logs</c> are logged and outputs written.
/// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Workers/Http/DefaultHttpWorkerService.cs (ProcessDefaultInvocationRequest)
/// </summary>
internal sealed class FunctionInvoker
{
    private const int MaxErrorBodyLength = 500;

    private readonly HandlerClient handler;
    private readonly OutputBindingWriter outputs;
    private readonly InvocationTracker tracker;
    private readonly ILogger logger;

    public FunctionInvoker(HandlerClient handler, OutputBindingWriter outputs, InvocationTracker tracker, ILogger<FunctionInvoker> logger)
    {
        this.handler = handler;
        this.outputs = outputs;
        this.tracker = tracker;
        this.logger = logger;
    }

    public async Task<InvocationOutcome> InvokeAsync(FunctionDefinition function, string reason, byte[] envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        using IDisposable _ = tracker.Begin();
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, tracker.Aborted);
        var invocationId = Guid.NewGuid();
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = invocationId, ["FunctionName"] = function.Name });
        ExecutionLog.Executing(logger, function.Name, reason, invocationId);
        long started = Stopwatch.GetTimestamp();
        string? error = await SendAsync(function, envelope, invocationId, aborted.Token);
        long durationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (error is null)
        {
            ExecutionLog.Succeeded(logger, function.Name, invocationId, durationMs);
            return InvocationOutcome.Success(invocationId);
        }

        ExecutionLog.Failed(logger, function.Name, invocationId, durationMs, error);
        return InvocationOutcome.Failure(invocationId, error);
    }

    private async Task<string?> SendAsync(FunctionDefinition function, byte[] envelope, Guid invocationId, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, handler.UriFor("/" + function.Name))
            {
                Content = new ByteArrayContent(envelope),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            HandlerClient.AddHostHeaders(request, invocationId);
            using HttpResponseMessage response = await handler.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return $"the handler answered {(int)response.StatusCode} {response.ReasonPhrase}{Excerpt(body)}";
            }

            if (!InvocationResult.TryParse(response.Content.Headers.ContentType, body, out InvocationResult? result, out string? parseError))
            {
                return parseError;
            }

            foreach (string line in result!.Logs)
            {
                ExecutionLog.FunctionLog(logger, function.Name, line);
            }

            await outputs.WriteAsync(function, result, cancellationToken);
            return null;
        }
        catch (HttpRequestException exception)
        {
            return "the handler could not be reached: " + exception.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "the handler did not answer within functionTimeout";
        }
        catch (OperationCanceledException)
        {
            return "the invocation was cancelled because the host is stopping";
        }
        catch (Azure.RequestFailedException exception)
        {
            return "writing an output binding failed: " + exception.Message;
        }
        catch (Exception exception)
        {
            // Whatever went wrong is this invocation's failure; the listener that asked goes on.
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    /// <summary>The start of a failed answer, for the log; it may echo caller input, so phone-like numbers are masked.</summary>
    private static string Excerpt(string body) =>
        string.IsNullOrWhiteSpace(body)
            ? string.Empty
            : ": " + PhoneNumbers.Mask(body.Length > MaxErrorBodyLength ? body[..MaxErrorBodyLength] + "…" : body);
}
