using Microsoft.Azure.Functions.Worker.Builder;

namespace Hotline;

/// <summary>
/// The worker as the Functions host starts it, and as the HTTP tests start it inside the test process: they add
/// their overrides to the builder before <c>Build()</c>, as a WebApplicationFactory would.
/// </summary>
public static class HotlineWorker
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.AddHotline();
        return builder;
    }
}
