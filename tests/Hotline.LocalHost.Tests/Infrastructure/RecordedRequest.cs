using System.Text.Json;

namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>One request the test handler received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public JsonDocument Json() => JsonDocument.Parse(Body);
}
