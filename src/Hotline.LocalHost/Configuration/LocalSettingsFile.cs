using System.Text.Json;

namespace Hotline.LocalHost.Configuration;

/// <summary>
/// Reads the <c>Values</c> of local.settings.json, the file Core Tools loads into the app's environment.
/// https://learn.microsoft.com/azure/azure-functions/functions-develop-local#local-settings-file
/// </summary>
internal static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    /// <summary>Returns the values of the first file that exists among <paramref name="directories"/> and the path read.</summary>
    public static (IReadOnlyList<KeyValuePair<string, string>> Values, string? Path) Read(params string[] directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        foreach (string directory in directories)
        {
            string path = System.IO.Path.Combine(directory, FileName);
            if (File.Exists(path))
            {
                return (ReadValues(path), path);
            }
        }

        return ([], null);
    }

    private static List<KeyValuePair<string, string>> ReadValues(string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), JsonElementExtensions.DocumentOptions);
            if (document.RootElement.BooleanProperty("IsEncrypted") == true)
            {
                throw new FunctionsConfigurationException($"{path}: encrypted settings are not supported; set IsEncrypted to false.");
            }

            var values = new List<KeyValuePair<string, string>>();
            if (document.RootElement.Property("Values") is { ValueKind: JsonValueKind.Object } section)
            {
                foreach (JsonProperty property in section.EnumerateObject())
                {
                    string value = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString() ?? string.Empty
                        : property.Value.GetRawText();
                    values.Add(new(property.Name, value));
                }
            }

            return values;
        }
        catch (JsonException exception)
        {
            throw new FunctionsConfigurationException($"{path}: not valid JSON ({exception.Message}).", exception);
        }
    }
}
