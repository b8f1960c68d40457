using Hotline.LocalHost.Configuration;
using Microsoft.AspNetCore.Http;

namespace Hotline.LocalHost.Http;

/// <summary>
/// Applies a function's authLevel before the handler sees the request, like the host: the key comes from the
/// <c>x-functions-key</c> header or the <c>code</c> query parameter; a missing or wrong key is a 401.
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger#api-key-authorization
/// </summary>
internal static class KeyAuthorization
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public static bool IsAuthorized(HttpRequest request, AuthorizationLevel level, FunctionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        string? presented = request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0
            ? header[0]
            : request.Query.TryGetValue(QueryName, out var code) && code.Count > 0 ? code[0] : null;
        return keys.Grants(level, presented);
    }
}
