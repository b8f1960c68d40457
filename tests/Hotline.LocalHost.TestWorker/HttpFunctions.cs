using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.TestWorker;

/// <summary>HTTP functions, one per host behaviour: route precedence, route values, keys, cancellation, failures.</summary>
public sealed partial class HttpFunctions(ILogger<HttpFunctions> logger)
{
    [Function("Echo")]
    public async Task<IResult> Echo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "echo/{id}")] HttpRequest request, string id)
    {
        using var reader = new StreamReader(request.Body);
        string body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        LogEcho(logger, id, request.Headers["X-Caller-Phone"].ToString());
        return Results.Json(new EchoAnswer(
            "Echo",
            id,
            request.RouteValues["id"]?.ToString(),
            request.Method,
            request.Path.Value ?? string.Empty,
            request.QueryString.Value ?? string.Empty,
            request.HttpContext.Connection.RemoteIpAddress?.ToString(),
            request.Scheme,
            request.Host.Value ?? string.Empty,
            body));
    }

    [Function("ItemById")]
    public static IResult ItemById([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id}")] HttpRequest request, string id) =>
        Results.Text("ItemById:" + id);

    [Function("ItemByNumber")]
    public static IResult ItemByNumber([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{number:int}")] HttpRequest request, int number) =>
        Results.Text("ItemByNumber:" + number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Function("SpecialItem")]
    public static IResult SpecialItem([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/special")] HttpRequest request) =>
        Results.Text("SpecialItem");

    [Function("CatchAll")]
    public static IResult CatchAll([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{*path}")] HttpRequest request, string? path) =>
        Results.Text("CatchAll:" + path);

    [Function("Secure")]
    public static IResult Secure([HttpTrigger(AuthorizationLevel.Function, "get", Route = "secure")] HttpRequest request) =>
        Results.Text("Secure");

    [Function("AdminOnly")]
    public static IResult AdminOnly([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "admin-only")] HttpRequest request) =>
        Results.Text("AdminOnly");

    [Function("Slow")]
    public async Task<IResult> Slow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow/{ms:int}")] HttpRequest request, int ms, CancellationToken cancellationToken)
    {
        LogSlowStarted(logger, request.Query["tag"].ToString());
        try
        {
            await Task.Delay(ms, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogSlowCancelled(logger, request.Query["tag"].ToString());
            throw;
        }

        return Results.Text("Slow");
    }

    [Function("Boom")]
    public static IResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequest request) =>
        throw new InvalidOperationException("Boom failed on purpose.");

    [Function("Enqueue")]
    public static async Task<EnqueueResult> Enqueue([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "enqueue")] HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        string text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return new EnqueueResult { Message = "from-http:" + text, Http = Results.Accepted() };
    }

    [Function("Crash")]
    public static IResult Crash([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "crash")] HttpRequest request)
    {
        Environment.Exit(42);
        return Results.Text("unreachable");
    }

    [LoggerMessage(1, LogLevel.Information, "Echo {Id} for caller {Phone}")]
    private static partial void LogEcho(ILogger logger, string id, string phone);

    [LoggerMessage(3, LogLevel.Information, "Slow started (tag {Tag})")]
    private static partial void LogSlowStarted(ILogger logger, string tag);

    [LoggerMessage(2, LogLevel.Warning, "Slow cancelled (tag {Tag})")]
    private static partial void LogSlowCancelled(ILogger logger, string tag);
}
