namespace Hotline.LocalHost.Http;

/// <summary>Marks an endpoint as the HTTP function of that name.</summary>
internal sealed record FunctionEndpointMetadata(string FunctionName);
