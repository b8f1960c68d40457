using System.Collections;

namespace Hotline.Sms.Recipes;

/// <summary>
/// A recipe's named values, each worked out from its facts: the template's parameters, or the parts of its message key.
/// In the order declared (a key's parts are positional). Written as a collection initializer: <c>{ "unit", c => c.UnitId }</c>.
/// </summary>
public sealed class RecipeFields<TFacts> : IEnumerable<KeyValuePair<string, Func<TFacts, string>>>
{
    private readonly List<KeyValuePair<string, Func<TFacts, string>>> _fields = [];

    public IReadOnlyList<string> Names => [.. _fields.Select(f => f.Key)];

    public void Add(string name, Func<TFacts, string> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (_fields.Any(f => f.Key == name))
        {
            throw new ArgumentException($"'{name}' is declared twice.", nameof(name));
        }

        _fields.Add(new(name, value));
    }

    public IEnumerator<KeyValuePair<string, Func<TFacts, string>>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
