using Hotline.Routing.Directory;

namespace Hotline.Officers;

/// <summary>The officer a request's bearer token stands for, as the directory knows them now.</summary>
public sealed record AuthenticatedOfficer(UnionOfficer Officer, string TokenId)
{
    /// <summary>The caller of an officer function; <see cref="OfficerAuthenticationMiddleware"/> has put it there.</summary>
    public static AuthenticatedOfficer From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<AuthenticatedOfficer>()
            ?? throw new InvalidOperationException("Officer functions run behind OfficerAuthenticationMiddleware.");
    }
}
