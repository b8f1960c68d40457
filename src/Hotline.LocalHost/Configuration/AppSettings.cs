using System.Text.RegularExpressions;

namespace Hotline.LocalHost.Configuration;

/// <summary>
/// The app settings the worker and the bindings see: local.settings.json <c>Values</c> overlaid by the process
/// environment (Core Tools skips a local setting that the environment already defines), then by the host's options.
/// </summary>
internal sealed partial class AppSettings
{
    private readonly Dictionary<string, string> values;

    public AppSettings(
        IEnumerable<KeyValuePair<string, string>> localValues,
        IEnumerable<KeyValuePair<string, string>> environment,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(localValues);
        ArgumentNullException.ThrowIfNull(environment);
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string value) in localValues)
        {
            values[key] = value;
            LocalKeys.Add(key);
        }

        foreach ((string key, string value) in environment)
        {
            values[key] = value;
        }

        foreach ((string key, string? value) in overrides ?? [])
        {
            Exported[key] = value;
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        foreach (string key in LocalKeys)
        {
            Exported.TryAdd(key, values.GetValueOrDefault(key));
        }
    }

    /// <summary>The names that came from local.settings.json.</summary>
    public HashSet<string> LocalKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the worker gets on top of the inherited environment (null: removed from it).</summary>
    public Dictionary<string, string?> Exported { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? this[string name] => values.TryGetValue(name, out string? value) ? value : null;

    public static AppSettings FromEnvironment(IEnumerable<KeyValuePair<string, string>> localValues, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var environment = new List<KeyValuePair<string, string>>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment.Add(new(key, value));
            }
        }

        return new AppSettings(localValues, environment, overrides);
    }

    /// <summary>
    /// Replaces every <c>%Name%</c> with the setting's value, like the WebJobs name resolver does for binding
    /// properties; a name without a value is a configuration error.
    /// </summary>
    public string Resolve(string value, string where, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(problems);
        return SettingReference().Replace(value, match =>
        {
            string name = match.Groups[1].Value;
            if (this[name] is { } resolved)
            {
                return resolved;
            }

            problems.Add($"{where}: '%{name}%' does not resolve to a value (set it in local.settings.json Values or the environment).");
            return match.Value;
        });
    }

    /// <summary>The <c>AzureWebJobs.&lt;name&gt;.Disabled</c> app setting disables a function.</summary>
    public bool IsFunctionDisabled(string functionName) =>
        this[$"AzureWebJobs.{functionName}.Disabled"] is { } flag &&
        (string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase) || flag == "1");

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex SettingReference();
}
