using System.Net.Http.Headers;

namespace Hotline.LocalHost.Handler;

/// <summary>
/// HTTP to the custom handler on loopback, set up like the host's client: no redirects followed, no cookies, no proxy,
/// no decompression, and a timeout of functionTimeout + 1 minute.
/// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Workers/Http/DefaultHttpWorkerService.cs
/// </summary>
internal sealed class HandlerClient : IDisposable
{
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";
    public const string HostVersionHeader = "X-Azure-Functions-HostVersion";

    /// <summary>The version this local host reports; the handler must not depend on it.</summary>
    public const string HostVersion = "4.0.0-local";

    private readonly HttpClient client;

    public HandlerClient(Uri baseAddress, TimeSpan? functionTimeout)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        BaseAddress = baseAddress;
        client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = functionTimeout is { } timeout ? timeout + TimeSpan.FromMinutes(1) : Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseAddress { get; }

    /// <summary>The URL of a handler path, e.g. <c>/RouteCase</c> or the raw target of a forwarded request.</summary>
    public Uri UriFor(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return new Uri(BaseAddress, pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);
    }

    /// <summary>Adds the headers the host puts on every invocation.</summary>
    public static void AddHostHeaders(HttpRequestMessage request, Guid invocationId)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(InvocationIdHeader);
        request.Headers.Remove(HostVersionHeader);
        request.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId.ToString());
        request.Headers.TryAddWithoutValidation(HostVersionHeader, HostVersion);
        request.Headers.UserAgent.Clear();
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", HostVersion));
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken) =>
        client.SendAsync(request, completion, cancellationToken);

    public void Dispose() => client.Dispose();
}
