using Hotline.Cases;
using Hotline.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Hotline.Officers;

/// <summary>
/// Reads the <c>{ticketId}</c> of the officers' and admins' case routes once: a value that cannot be a ticket id is a
/// 400 before the function runs; a good one is normalised (case, spaces, dashes) into <see cref="CaseTicket"/>.
/// Registered after <see cref="OfficerAuthenticationMiddleware"/>, so an unauthenticated caller still gets 401 first.
/// The caller's own status route is not one of them: it answers 404 for any unknown id (SPEC "HTTP API").
/// </summary>
public sealed class CaseTicketMiddleware : IFunctionsWorkerMiddleware
{
    /// <summary>The functions whose route has a <c>{ticketId}</c> parameter; each reads it with <see cref="CaseTicket.From"/>.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(OfficerFunctions.AcknowledgeCase), nameof(OfficerFunctions.ResolveCase), nameof(OfficerFunctions.MarkCaseComplexity), nameof(OfficerFunctions.ReclassifyCase),
        nameof(OfficerFunctions.TransferCase), nameof(OfficerFunctions.GetCaseHistory), nameof(OfficerAdminFunctions.GetCaseHistoryForAdmin),
    };

    public static bool AppliesTo(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Functions.Contains(context.FunctionDefinition.Name);
    }

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // Route values reach the worker as trigger metadata, as strings (the worker protocol's http proxying).
        var raw = context.BindingContext.BindingData.TryGetValue("ticketId", out var value) ? value?.ToString() : null;
        if (TicketId.Normalize(raw) is not { } ticketId)
        {
            context.GetInvocationResult().Value = OfficerFunctions.NotATicketId();
            return;
        }

        HttpFunctions.Http(context).Features.Set(new CaseTicket(ticketId));
        await next(context);
    }
}
