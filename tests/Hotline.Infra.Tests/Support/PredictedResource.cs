using System.Text.Json.Nodes;

namespace Hotline.Infra.Tests.Support;

/// <summary>One resource of a bicep snapshot.</summary>
public sealed class PredictedResource(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public string Type => (string)Json["type"]!;

    public string Name => (string)Json["name"]!;

    /// <summary>The last segment of <see cref="Name"/> (a queue's name rather than account/default/queue).</summary>
    public string ShortName => Name.Split('/')[^1];

    public string Id => (string)Json["id"]!;

    public JsonObject Properties => Json["properties"]?.AsObject() ?? [];

    public string? Property(string path) => Find(path)?.ToString();

    /// <summary>The value at a dotted <paramref name="path"/> under the resource (e.g. "properties.siteConfig.minTlsVersion").</summary>
    public JsonNode? Find(string path) =>
        path.Split('.').Aggregate<string, JsonNode?>(Json, (node, segment) => node?[segment]);

    public override string ToString() => $"{Type} {Name}";
}
