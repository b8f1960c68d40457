using Hotline.LocalHost.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hotline.LocalHost.Http;

/// <summary>
/// One ASP.NET Core endpoint per httpTrigger at <c>routePrefix/route</c> for its methods. The host routes with the
/// same template engine, so precedence is the same: literal segments beat parameters, parameters beat catch-alls
/// (<c>api/submissions/{id}</c> wins over <c>{*page}</c>).
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger#customize-the-http-endpoint
/// </summary>
internal static class HttpTriggerEndpoints
{
    public static void MapHttpTriggers(this IEndpointRouteBuilder endpoints, FunctionApp app, FunctionKeys keys, RequestForwarder forwarder)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (FunctionDefinition function in app.Catalog.Functions)
        {
            if (function.Trigger is not HttpTriggerBinding trigger)
            {
                continue;
            }

            RequestDelegate handle = async context =>
            {
                if (!KeyAuthorization.IsAuthorized(context.Request, trigger.AuthLevel, keys))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                await forwarder.ForwardAsync(context, function);
            };

            string pattern = Pattern(app.Host.RoutePrefix, trigger.Route);
            IEndpointConventionBuilder endpoint = trigger.Methods.Count == 0
                ? endpoints.Map(pattern, handle)
                : endpoints.MapMethods(pattern, trigger.Methods, handle);
            endpoint.WithDisplayName(function.Name);
        }
    }

    /// <summary>The URL path template: the route prefix (may be empty) and the function's route.</summary>
    public static string Pattern(string routePrefix, string route) =>
        "/" + string.Join('/', new[] { routePrefix, route }.Where(part => part.Length > 0));
}
