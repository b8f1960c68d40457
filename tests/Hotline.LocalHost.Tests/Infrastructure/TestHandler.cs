using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>
/// A small custom handler inside the test process (Kestrel on 127.0.0.1:0): it records every request and answers
/// with the test's <c>respond</c> delegate, or by default 200 with an empty invocation result.
/// </summary>
internal sealed class TestHandler : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private int inFlight;
    private int maxInFlight;

    private TestHandler(WebApplication app)
    {
        this.app = app;
    }

    public delegate Task Responder(HttpContext context, RecordedRequest request);

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public int InFlight => Volatile.Read(ref inFlight);

    public static async Task<TestHandler> StartAsync(Responder? respond = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var handler = new TestHandler(app);
        respond ??= DefaultResponse;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body);
            handler.requests.Enqueue(recorded);
            int now = Interlocked.Increment(ref handler.inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref handler.maxInFlight)) && Interlocked.CompareExchange(ref handler.maxInFlight, now, seen) != seen)
            {
            }

            try
            {
                await respond(context, recorded);
            }
            finally
            {
                Interlocked.Decrement(ref handler.inFlight);
            }
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        handler.BaseAddress = new Uri(address + "/");
        return handler;
    }

    /// <summary>Requests the host forwarded or invoked (the readiness probe carries no invocation id).</summary>
    public IReadOnlyList<RecordedRequest> Forwarded => [.. Requests.Where(r => r.Header("X-Azure-Functions-InvocationId") is not null)];

    /// <summary>The envelope POSTs the host sent for one function.</summary>
    public IReadOnlyList<RecordedRequest> InvocationsOf(string functionName) =>
        [.. Requests.Where(r => r.Method == "POST" && r.Path == "/" + functionName)];

    public static Task EmptyResult(HttpContext context) => Json(context, """{"Outputs":{},"Logs":[],"ReturnValue":null}""");

    public static async Task Json(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Task DefaultResponse(HttpContext context, RecordedRequest request) =>
        request.Method == "POST" ? EmptyResult(context) : Json(context, "{}");
}
