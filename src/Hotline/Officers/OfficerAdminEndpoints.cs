using Hotline.Cases;
using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Officers;

/// <summary>
/// The admin side of officers: IssueOfficerToken, ListOfficerTokens, RevokeOfficerToken and GetCaseHistoryForAdmin.
/// The Functions host lets only the admin (master) key through, so the handler checks no officer token here.
/// </summary>
public static class OfficerAdminEndpoints
{
    public static IEndpointRouteBuilder MapOfficerAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin");
        admin.MapPost("/officers/{officerId}/tokens", IssueOfficerToken);
        admin.MapGet("/officers/{officerId}/tokens", ListOfficerTokens);
        admin.MapDelete("/officers/{officerId}/tokens/{tokenId}", RevokeOfficerToken);
        admin.MapGet("/cases/{ticketId}/history", GetCaseHistoryForAdmin);
        return app;
    }

    internal static async Task<Results<Created<IssuedOfficerToken>, ProblemHttpResult>> IssueOfficerToken(
        string officerId,
        HttpContext context,
        DirectoryProvider directories,
        OfficerTokenStore tokens,
        CancellationToken cancellationToken)
    {
        if ((await directories.GetAsync(cancellationToken)).FindOfficer(officerId) is null)
        {
            return NoSuchOfficer();
        }

        var issued = await tokens.IssueAsync(officerId, cancellationToken);

        // Shown once: no cache on the way may keep a copy.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/admin/officers/{officerId}/tokens/{issued.TokenId}", issued);
    }

    /// <summary>The officer's tokens, also for an officer since removed from the directory, whose tokens an admin may still want to revoke.</summary>
    internal static async Task<Results<Ok<OfficerTokenList>, ProblemHttpResult>> ListOfficerTokens(
        string officerId,
        OfficerTokenStore tokens,
        CancellationToken cancellationToken)
    {
        if (!OfficerIds.IsDirectoryId(officerId))
        {
            return NoSuchOfficer();
        }

        return TypedResults.Ok(new OfficerTokenList(officerId, await tokens.ListAsync(officerId, cancellationToken)));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeOfficerToken(
        string officerId,
        string tokenId,
        OfficerTokenStore tokens,
        CancellationToken cancellationToken)
    {
        if (OfficerIds.IsDirectoryId(officerId) && OfficerIds.IsTokenId(tokenId) && await tokens.RevokeAsync(officerId, tokenId, cancellationToken))
        {
            return TypedResults.NoContent();
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such token", detail: "The officer has no token with this id; it may be revoked already.");
    }

    internal static async Task<Results<Ok<CaseHistory>, ProblemHttpResult>> GetCaseHistoryForAdmin(
        string ticketId,
        CaseStore cases,
        CancellationToken cancellationToken)
    {
        if (TicketId.Normalize(ticketId) is not { } id)
        {
            return OfficerEndpoints.NotATicketId();
        }

        return await cases.GetAsync(id, cancellationToken) is { Record: var record }
            ? TypedResults.Ok(await OfficerEndpoints.HistoryAsync(cases, record, cancellationToken))
            : OfficerEndpoints.NoSuchCase();
    }

    private static ProblemHttpResult NoSuchOfficer() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such officer", detail: "The directory has no officer with this id.");
}
