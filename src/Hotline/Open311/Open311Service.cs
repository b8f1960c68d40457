namespace Hotline.Open311;

/// <summary>A service type of <c>GET services</c>: one of our case categories.</summary>
public sealed record Open311Service(string ServiceCode, string ServiceName, bool Metadata, string Type, string Group);
