using System.Text.Json;

namespace Hotline.LocalHost.Configuration;

/// <summary>The host reads its JSON files case-insensitively (Newtonsoft), so property lookups here do too.</summary>
internal static class JsonElementExtensions
{
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static JsonElement? Property(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }

    public static string? StringProperty(this JsonElement element, string name) =>
        element.Property(name) is { } value ? ScalarText(value) : null;

    public static bool? BooleanProperty(this JsonElement element, string name) =>
        element.Property(name) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.String } value when bool.TryParse(value.GetString(), out bool parsed) => parsed,
            _ => null,
        };

    public static IReadOnlyList<string> StringArrayProperty(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Select(ScalarText).OfType<string>()]
            : [];

    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
