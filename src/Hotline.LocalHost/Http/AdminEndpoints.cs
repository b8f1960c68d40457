using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Invocation;
using Hotline.LocalHost.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hotline.LocalHost.Http;

/// <summary>
/// <c>POST /admin/functions/{name}</c> with the master key and <c>{"input":"..."}</c> runs a queue or timer function
/// now, as the host's admin API does (202 Accepted; the invocation runs in the background).
/// https://learn.microsoft.com/azure/azure-functions/functions-manually-run-non-http
/// </summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints, WorkerSupervisor supervisor, FunctionKeys keys, ManualInvocations invocations, InvocationTracker tracker)
    {
        endpoints.MapPost("/admin/functions/{name}", (string name, [FromBody] AdminInvocationRequest? request, HttpRequest http) =>
            Invoke(name, request, http, supervisor, keys, invocations, tracker));
    }

    private static IResult Invoke(
        string name, AdminInvocationRequest? request, HttpRequest http, WorkerSupervisor supervisor, FunctionKeys keys, ManualInvocations invocations, InvocationTracker tracker)
    {
        if (Refusal(http, keys) is { } refused)
        {
            return refused;
        }

        if (supervisor.Current is not { } worker)
        {
            return TypedResults.Problem(title: "Functions worker not running", detail: supervisor.Status, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (worker.Catalog.Find(name) is not { } function)
        {
            return TypedResults.Problem(title: "Not found", detail: $"There is no function '{name}'.", statusCode: StatusCodes.Status404NotFound);
        }

        if (function.Info.Trigger is not (FunctionTriggerKind.Queue or FunctionTriggerKind.Timer))
        {
            return TypedResults.Problem(title: "Not a queue or timer function", detail: $"'{function.Name}' is an HTTP function: call its URL instead.", statusCode: StatusCodes.Status400BadRequest);
        }

        tracker.Start(cancellationToken => invocations.InvokeAsync(function, request?.Input, cancellationToken));
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>401 or 403 problem details unless the request carries the master key; null when it does.</summary>
    public static IResult? Refusal(HttpRequest http, FunctionKeys keys)
    {
        int access = KeyAuthorization.Check(http, AuthLevel.Admin, keys);
        return access == StatusCodes.Status200OK
            ? null
            : TypedResults.Problem(title: access == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden", detail: "The admin API needs the master key.", statusCode: access);
    }
}
