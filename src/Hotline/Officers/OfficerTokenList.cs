namespace Hotline.Officers;

/// <summary>An officer's live tokens, oldest first.</summary>
public sealed record OfficerTokenList(string OfficerId, IReadOnlyList<OfficerTokenSummary> Tokens);
