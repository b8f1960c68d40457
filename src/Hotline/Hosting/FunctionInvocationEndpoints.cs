using System.Text.Json;
using Hotline.FollowUp;
using Hotline.Routing;
using Hotline.Sms;

namespace Hotline.Hosting;

/// <summary>
/// The routes the Functions host calls for queue and timer functions: <c>POST /{FunctionName}</c> with the
/// invocation envelope. They stay apart from the public HTTP API; the host reaches them on loopback only.
/// </summary>
public static partial class FunctionInvocationEndpoints
{
    public delegate Task<InvocationResult> FunctionHandler(InvocationRequest request, CancellationToken cancellationToken);

    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        MapFunction<RouteCaseFunction>(app, "RouteCase", f => f.RunAsync);
        MapFunction<SendSmsFunction>(app, "SendSms", f => f.RunAsync);
        MapFunction<RemindUnacknowledgedFunction>(app, "RemindUnacknowledged", f => f.RunAsync);
        MapFunction<RequeueStalledCasesFunction>(app, "RequeueStalledCases", f => f.RunAsync);
        return app;
    }

    private static void MapFunction<TFunction>(IEndpointRouteBuilder app, string name, Func<TFunction, FunctionHandler> handler)
        where TFunction : notnull
    {
        app.MapPost("/" + name, async (HttpContext context, TFunction function, ILoggerFactory loggers) =>
        {
            var logger = loggers.CreateLogger("Hotline.Functions." + name);
            var invocationId = context.Request.Headers["X-Azure-Functions-InvocationId"].ToString();
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["FunctionName"] = name, ["InvocationId"] = invocationId });

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            if (!InvocationRequest.TryParse(body.ToArray(), out var request))
            {
                LogMalformedEnvelope(logger, name);
                return Json(StatusCodes.Status400BadRequest, InvocationResult.WithLogs("Malformed invocation envelope."));
            }

            try
            {
                var result = await handler(function)(request!, context.RequestAborted);
                return Json(StatusCodes.Status200OK, result);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                // A non-2xx answer fails the invocation: the host retries a queue message and finally poison-queues it.
                LogInvocationFailed(logger, e, name);
                return Json(StatusCodes.Status500InternalServerError, InvocationResult.WithLogs($"{name} failed: {e.GetType().Name}: {e.Message}"));
            }
        }).ExcludeFromDescription();
    }

    // The host parses the body as JSON whatever the status, so every answer carries the envelope.
    private static IResult Json(int status, InvocationResult result) =>
        Results.Text(JsonSerializer.Serialize(result, HotlineJsonContext.Default.InvocationResult), "application/json", System.Text.Encoding.UTF8, status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation of {FunctionName} failed")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string functionName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed invocation envelope for {FunctionName}")]
    private static partial void LogMalformedEnvelope(ILogger logger, string functionName);
}
