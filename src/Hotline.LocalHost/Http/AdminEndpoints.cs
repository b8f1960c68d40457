using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Invocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hotline.LocalHost.Http;

/// <summary>
/// <c>POST /admin/functions/{name}</c> with the master key runs a non-HTTP function now, as the host's admin API does
/// (202 Accepted; the invocation runs in the background).
/// https://learn.microsoft.com/azure/azure-functions/functions-manually-run-non-http
/// </summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints, FunctionApp app, FunctionKeys keys, ManualInvocations invocations)
    {
        ArgumentNullException.ThrowIfNull(app);
        endpoints.MapPost("/admin/functions/{name}", (string name, [FromBody] AdminInvocationRequest? request, HttpRequest http) =>
            Invoke(name, request, http, app, keys, invocations));
    }

    private static Results<Accepted, UnauthorizedHttpResult, NotFound, ProblemHttpResult> Invoke(
        string name, AdminInvocationRequest? request, HttpRequest http, FunctionApp app, FunctionKeys keys, ManualInvocations invocations)
    {
        if (!KeyAuthorization.IsAuthorized(http, AuthorizationLevel.Admin, keys))
        {
            return TypedResults.Unauthorized();
        }

        FunctionDefinition? function = app.Catalog.Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (function is null)
        {
            return TypedResults.NotFound();
        }

        if (!invocations.TryStart(function, request?.Input))
        {
            return TypedResults.Problem(
                detail: $"'{function.Name}' is an HTTP function: call its URL instead.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Accepted((string?)null);
    }
}
