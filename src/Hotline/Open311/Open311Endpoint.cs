namespace Hotline.Open311;

/// <summary>One endpoint of the discovery document.</summary>
public sealed record Open311Endpoint(string Specification, string Url, string Changeset, string Type, IReadOnlyList<string> Formats);
