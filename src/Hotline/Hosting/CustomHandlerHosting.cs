namespace Hotline.Hosting;

public static class CustomHandlerHosting
{
    /// <summary>
    /// Listens where the Functions host tells us (FUNCTIONS_CUSTOMHANDLER_PORT, loopback only). Without it, as when
    /// the handler is started by hand, listens on the configured URLs as any ASP.NET Core app does.
    /// </summary>
    public static WebApplicationBuilder UseFunctionsCustomHandlerPort(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? builder.Configuration["FUNCTIONS_HTTPWORKER_PORT"];
        if (int.TryParse(port, out var value) && value is > 0 and < 65536)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, value));
        }

        return builder;
    }
}
