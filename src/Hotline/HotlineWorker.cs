using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Azure.Functions.Worker.Invocation;

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

        // The worker registers the source-generated metadata provider and executor only when this assembly is the
        // process's entry assembly. In the HTTP tests the test runner is, so they are registered here as well.
        builder.Services.AddSingleton<IFunctionMetadataProvider, GeneratedFunctionMetadataProvider>();
        builder.Services.AddSingleton<IFunctionExecutor, DirectFunctionExecutor>();

        builder.AddHotline();
        return builder;
    }
}
