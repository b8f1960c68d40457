using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Hotline.Hosting;

/// <summary>
/// The worker's own web server must not be the one that refuses a body. Its default (30 MB) is below the Functions
/// host's 100 MB, and when it refuses, it drops the connection mid-upload and the caller sees a 502. Each function
/// has its product limit (a submission 32 KiB, a directory 4 MiB, a webhook its own) and answers 413 itself, from
/// Content-Length before reading when it is given; so the server here only has to let the body through.
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>The Functions host's limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT default): nothing larger reaches us.</summary>
    public const long HostMaxRequestBodyBytes = 100L * 1024 * 1024;

    public static IServiceCollection AddRequestBodyLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = HostMaxRequestBodyBytes);
        return services;
    }
}
