using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Hotline.Sms.Templates;

/// <summary>
/// The catalogue of every text the hotline may send, kept as data (templates.json, embedded) so the
/// wording filed with mainland operators lives in one reviewable place.
/// </summary>
public sealed class SmsTemplateCatalog
{
    private const string ResourceName = "Hotline.Sms.Templates.templates.json";

    private static readonly Lazy<SmsTemplateCatalog> DefaultCatalog = new(LoadEmbedded);

    private readonly Dictionary<string, SmsTemplate> _templates;

    // lookup name → language → code → words
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, string>>> _lookups;

    private SmsTemplateCatalog(
        Dictionary<string, SmsTemplate> templates,
        Dictionary<string, Dictionary<string, Dictionary<string, string>>> lookups)
    {
        _templates = templates;
        _lookups = lookups;
    }

    /// <summary>The catalogue shipped with this assembly.</summary>
    public static SmsTemplateCatalog Default => DefaultCatalog.Value;

    public IReadOnlyCollection<string> Names => _templates.Keys;

    public IEnumerable<SmsTemplate> Templates => _templates.Values;

    public SmsTemplate Get(string name) =>
        TryGet(name, out var template) ? template : throw new SmsCompositionException($"Unknown SMS template '{name}'.");

    public bool TryGet(string name, [NotNullWhen(true)] out SmsTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _templates.TryGetValue(name, out template);
    }

    /// <summary>The words for a code in a lookup, or the value itself when the lookup has no such code.</summary>
    public string Translate(string lookup, string language, string value) =>
        _lookups.TryGetValue(lookup, out var byLanguage)
        && byLanguage.TryGetValue(language, out var words)
        && words.TryGetValue(value, out var translated)
            ? translated
            : value;

    /// <summary>Reads and validates a catalogue: every template has every language and uses exactly its declared parameters.</summary>
    public static SmsTemplateCatalog Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;

        var lookups = new Dictionary<string, Dictionary<string, Dictionary<string, string>>>(StringComparer.Ordinal);
        if (root.TryGetProperty("lookups", out var lookupsElement))
        {
            foreach (var lookup in lookupsElement.EnumerateObject())
            {
                var byLanguage = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
                foreach (var language in SmsLanguage.All)
                {
                    if (!lookup.Value.TryGetProperty(language, out var words))
                    {
                        throw new SmsCompositionException($"Lookup '{lookup.Name}' has no '{language}' words.");
                    }

                    byLanguage[language] = words.EnumerateObject().ToDictionary(w => w.Name, w => w.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
                }

                lookups[lookup.Name] = byLanguage;
            }
        }

        var templates = new Dictionary<string, SmsTemplate>(StringComparer.Ordinal);
        foreach (var entry in root.GetProperty("templates").EnumerateObject())
        {
            var parameters = new List<SmsTemplateParameter>();
            foreach (var p in entry.Value.GetProperty("parameters").EnumerateArray())
            {
                var name = p.GetProperty("name").GetString() ?? throw new SmsCompositionException($"Template '{entry.Name}' has a parameter without a name.");
                var shorten = p.TryGetProperty("shorten", out var s) && s.GetBoolean();
                var lookup = p.TryGetProperty("lookup", out var l) ? l.GetString() : null;
                if (lookup is not null && !lookups.ContainsKey(lookup))
                {
                    throw new SmsCompositionException($"Template '{entry.Name}' parameter '{name}' refers to unknown lookup '{lookup}'.");
                }

                parameters.Add(new SmsTemplateParameter(name, shorten, lookup));
            }

            var textElement = entry.Value.GetProperty("text");
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var language in SmsLanguage.All)
            {
                texts[language] = textElement.TryGetProperty(language, out var t) && t.GetString() is { Length: > 0 } text
                    ? text
                    : throw new SmsCompositionException($"Template '{entry.Name}' has no '{language}' text.");
            }

            var audience = entry.Value.TryGetProperty("audience", out var a) ? a.GetString() ?? string.Empty : string.Empty;
            templates[entry.Name] = new SmsTemplate(entry.Name, audience, parameters, texts);
        }

        return new SmsTemplateCatalog(templates, lookups);
    }

    private static SmsTemplateCatalog LoadEmbedded()
    {
        using var stream = typeof(SmsTemplateCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Load(stream);
    }
}
