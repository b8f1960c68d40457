namespace Hotline.Officers;

/// <summary>The answer to issuing a token: the only time the token itself is ever shown.</summary>
public sealed record IssuedOfficerToken(string OfficerId, string Token, string TokenId, DateTimeOffset CreatedAt);
