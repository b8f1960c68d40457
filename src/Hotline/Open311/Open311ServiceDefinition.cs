namespace Hotline.Open311;

/// <summary>
/// <c>GET services/{code}</c>: our services ask for nothing beyond the standard's fields (metadata false), so
/// <see cref="Attributes"/> is always empty; it is there because the standard requires the element.
/// </summary>
public sealed record Open311ServiceDefinition(string ServiceCode, IReadOnlyList<string> Attributes);
