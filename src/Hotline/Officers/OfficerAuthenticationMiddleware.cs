using Hotline.Hosting;
using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Net.Http.Headers;

namespace Hotline.Officers;

/// <summary>
/// Lets a request through to an officer function only with <c>Authorization: Bearer &lt;token&gt;</c> for a live token
/// whose officer is still in the directory; otherwise 401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750 §3). The
/// Functions host has already checked the function key. Functions read the body themselves, so this runs
/// before anything is parsed and an unauthenticated caller learns nothing about a case or its input rules.
/// </summary>
public sealed partial class OfficerAuthenticationMiddleware(
    OfficerTokenStore tokens,
    DirectoryProvider directories,
    ILogger<OfficerAuthenticationMiddleware> logger) : IFunctionsWorkerMiddleware
{
    private const string Realm = "hotline";

    public static bool AppliesTo(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OfficerFunctions.Names.Contains(context.FunctionDefinition.Name);
    }

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var problem = await AuthenticateAsync(HttpFunctions.Http(context));
        if (problem is not null)
        {
            context.GetInvocationResult().Value = problem;
            return;
        }

        var officer = AuthenticatedOfficer.From(HttpFunctions.Http(context));
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["OfficerId"] = officer.Officer.Id, ["TokenId"] = officer.TokenId });
        await next(context);
    }

    private async Task<ProblemHttpResult?> AuthenticateAsync(HttpContext http)
    {
        var token = BearerToken(http.Request);
        if (token is null)
        {
            return Challenge(http, invalidToken: false, "Send the officer's token as Authorization: Bearer <token>.");
        }

        if (!OfficerTokenFormat.IsWellFormed(token))
        {
            LogRejected(logger, "malformed");
            return Challenge(http, invalidToken: true, "The token is not valid.");
        }

        var grant = await tokens.FindAsync(OfficerTokenFormat.Hash(token), http.RequestAborted);
        if (grant is null)
        {
            LogRejected(logger, "unknown or revoked");
            return Challenge(http, invalidToken: true, "The token is not valid.");
        }

        var directory = await directories.GetAsync(http.RequestAborted);
        if (directory.FindOfficer(grant.OfficerId) is not { } officer)
        {
            LogOfficerGone(logger, grant.TokenId, grant.OfficerId);
            return Challenge(http, invalidToken: true, "The token's officer is no longer in the directory.");
        }

        http.Features.Set(new AuthenticatedOfficer(officer, grant.TokenId));
        return null;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header)
        {
            return null;
        }

        // The scheme is case-insensitive (RFC 9110 §11.1); the token is everything after one space.
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }

    private static ProblemHttpResult Challenge(HttpContext http, bool invalidToken, string detail)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = invalidToken
            ? $"Bearer realm=\"{Realm}\", error=\"invalid_token\""
            : $"Bearer realm=\"{Realm}\"";
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Officer token required", detail: detail);
    }

    // Never the token, not even part of it: the reason and, once known, which token id is enough to investigate.
    [LoggerMessage(Level = LogLevel.Information, Message = "Officer token rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Officer token {TokenId} belongs to officer {OfficerId}, who is not in the directory")]
    private static partial void LogOfficerGone(ILogger logger, string tokenId, string officerId);
}
