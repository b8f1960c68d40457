namespace Hotline.LocalHost.Configuration;

/// <summary>The enabled functions of an app root, and the names of those disabled by function.json or app setting.</summary>
internal sealed record FunctionCatalog(IReadOnlyList<FunctionDefinition> Functions, IReadOnlyList<string> Disabled);
