using Hotline.Cases;
using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.Officers;

/// <summary>
/// The admin side of officers: IssueOfficerToken, ListOfficerTokens, RevokeOfficerToken and GetCaseHistoryForAdmin.
/// The Functions host lets only the admin (master) key through, so no officer token is checked here.
/// </summary>
public sealed class OfficerAdminFunctions(DirectoryProvider directories, OfficerTokenStore tokens, CaseStore cases)
{
    [Function(nameof(IssueOfficerToken))]
    public async Task<Results<Created<IssuedOfficerToken>, ProblemHttpResult>> IssueOfficerToken(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "api/admin/officers/{officerId}/tokens")] HttpRequest request,
        string officerId,
        CancellationToken cancellationToken)
    {
        if ((await directories.GetAsync(cancellationToken)).FindOfficer(officerId) is null)
        {
            return NoSuchOfficer();
        }

        var issued = await tokens.IssueAsync(officerId, cancellationToken);

        // Shown once: no cache on the way may keep a copy.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/admin/officers/{officerId}/tokens/{issued.TokenId}", issued);
    }

    /// <summary>The officer's tokens, also for an officer since removed from the directory, whose tokens an admin may still want to revoke.</summary>
    [Function(nameof(ListOfficerTokens))]
    public async Task<Results<Ok<OfficerTokenList>, ProblemHttpResult>> ListOfficerTokens(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/officers/{officerId}/tokens")] HttpRequest request,
        string officerId,
        CancellationToken cancellationToken)
    {
        if (!OfficerIds.IsDirectoryId(officerId))
        {
            return NoSuchOfficer();
        }

        return TypedResults.Ok(new OfficerTokenList(officerId, await tokens.ListAsync(officerId, cancellationToken)));
    }

    [Function(nameof(RevokeOfficerToken))]
    public async Task<Results<NoContent, ProblemHttpResult>> RevokeOfficerToken(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "api/admin/officers/{officerId}/tokens/{tokenId}")] HttpRequest request,
        string officerId,
        string tokenId,
        CancellationToken cancellationToken)
    {
        if (OfficerIds.IsDirectoryId(officerId) && OfficerIds.IsTokenId(tokenId) && await tokens.RevokeAsync(officerId, tokenId, cancellationToken))
        {
            return TypedResults.NoContent();
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such token", detail: "The officer has no token with this id; it may be revoked already.");
    }

    [Function(nameof(GetCaseHistoryForAdmin))]
    public async Task<Results<Ok<CaseHistory>, ProblemHttpResult>> GetCaseHistoryForAdmin(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/cases/{ticketId}/history")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var id = CaseTicket.From(request.HttpContext);
        return await cases.GetAsync(id, cancellationToken) is { Record: var record }
            ? TypedResults.Ok(await OfficerFunctions.HistoryAsync(cases, record, cancellationToken))
            : OfficerFunctions.NoSuchCase();
    }

    private static ProblemHttpResult NoSuchOfficer() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such officer", detail: "The directory has no officer with this id.");
}
