namespace Hotline.Officers;

/// <summary>A token as an admin lists it: enough to pick one to revoke, nothing that grants access.</summary>
public sealed record OfficerTokenSummary(string TokenId, DateTimeOffset CreatedAt);
