using Hotline.LocalHost.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Hotline.LocalHost.Http;

/// <summary>
/// One endpoint per HTTP function (its route template and methods), replaced whenever a worker completes its
/// handshake. ASP.NET Core endpoint routing then picks the function by route precedence (literal over constrained
/// parameter over parameter over catch-all) whatever order the worker listed them in, as the worker's own routing does.
/// </summary>
internal sealed class FunctionEndpointDataSource(RequestDelegate handler) : EndpointDataSource, IDisposable
{
    private IReadOnlyList<Endpoint> endpoints = [];
    private CancellationTokenSource changed = new();

    public override IReadOnlyList<Endpoint> Endpoints => endpoints;

    public override IChangeToken GetChangeToken() => new CancellationChangeToken(changed.Token);

    public void Dispose() => changed.Dispose();

    public void Update(FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var built = new List<Endpoint>();
        foreach (WorkerFunction function in catalog.Functions.Where(f => f.Info.Trigger == FunctionTriggerKind.Http && !f.Disabled))
        {
            var builder = new RouteEndpointBuilder(handler, RoutePatternFactory.Parse(function.Info.Route!), order: 0)
            {
                DisplayName = function.Name,
            };
            if (function.Info.Methods.Count > 0)
            {
                builder.Metadata.Add(new HttpMethodMetadata(function.Info.Methods));
            }

            builder.Metadata.Add(new FunctionEndpointMetadata(function.Name));
            built.Add(builder.Build());
        }

        CancellationTokenSource previous = changed;
        endpoints = built;
        changed = new CancellationTokenSource();
        previous.Cancel();
        previous.Dispose();
    }
}
