using Microsoft.AspNetCore.Http;

namespace Hotline.LocalHost.Http;

/// <summary>
/// Applies a function's authLevel before the worker sees the request, like the host: the key comes from the
/// <c>x-functions-key</c> header or the <c>code</c> query parameter; a missing or unknown key is a 401, the function
/// key where the master key is needed a 403.
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger#api-key-authorization
/// </summary>
internal static class KeyAuthorization
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    /// <summary>200 when allowed, else 401 or 403.</summary>
    public static int Check(HttpRequest request, AuthLevel level, FunctionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        if (level == AuthLevel.Anonymous)
        {
            return StatusCodes.Status200OK;
        }

        string? presented = request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0
            ? header[0]
            : request.Query.TryGetValue(QueryName, out var code) && code.Count > 0 ? code[0] : null;
        if (keys.Grants(level, presented))
        {
            return StatusCodes.Status200OK;
        }

        return keys.Grants(AuthLevel.Function, presented) ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
    }
}
