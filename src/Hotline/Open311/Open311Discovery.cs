namespace Hotline.Open311;

/// <summary>The service discovery document (wiki.open311.org/Service_Discovery).</summary>
public sealed record Open311Discovery(string Changeset, string Contact, string KeyService, IReadOnlyList<Open311Endpoint> Endpoints);
