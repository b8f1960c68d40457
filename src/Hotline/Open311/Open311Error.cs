namespace Hotline.Open311;

/// <summary>One entry of the standard's <c>errors</c> answer; <see cref="Code"/> may be more specific than the HTTP status.</summary>
public sealed record Open311Error(int Code, string Description);
