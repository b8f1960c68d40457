namespace Hotline.Officers;

/// <summary>Whom a presented token stands for.</summary>
public sealed record OfficerTokenGrant(string OfficerId, string TokenId);
