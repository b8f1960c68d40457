using System.Text;
using Hotline.Sms.Templates;

namespace Hotline.Sms.Recipes;

/// <summary>
/// One notification the hotline sends, declared once (<see cref="SmsRecipes"/>): its template, who reads it, the
/// parameters it fills and the parts its message key is made of. This is what a recipe is without its facts, for the
/// catalogue's checks; <see cref="SmsRecipe{TFacts}"/> turns facts into the texts.
/// </summary>
public abstract class SmsRecipe(string name, string template, SmsAudience audience)
{
    /// <summary>Officers read Chinese (SPEC "SMS"); the recipes never ask them.</summary>
    public const string OfficerLanguage = SmsLanguage.Chinese;

    /// <summary>The recipe's name, the second part of every key it makes: two recipes never share a key.</summary>
    public string Name { get; } = name;

    /// <summary>The templates.json template it renders.</summary>
    public string Template { get; } = template;

    public SmsAudience Audience { get; } = audience;

    /// <summary>The template parameters the recipe fills, in declared order.</summary>
    public abstract IReadOnlyList<string> Parameters { get; }

    /// <summary>
    /// What tells two texts of this recipe for one case apart (a unit, a revision, a stage and due time, a round), in
    /// key order; for officers the recipient follows them.
    /// </summary>
    public abstract IReadOnlyList<string> Discriminators { get; }

    /// <summary>
    /// The one rule every message key follows: <c>{ticket}:{recipe}:{discriminators…}</c>, or <c>{recipe}:{…}</c> for a
    /// text about no case. Each part has '%' and ':' percent-escaped, so the parts can be read back and two different
    /// lists of parts never make the same key; a recipe name is never a ticket id, so the two shapes never meet.
    /// </summary>
    public static string MessageKey(string? ticketId, string recipe, IEnumerable<string> discriminators)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipe);
        ArgumentNullException.ThrowIfNull(discriminators);
        var key = new StringBuilder(64);
        if (!string.IsNullOrEmpty(ticketId))
        {
            Append(key, ticketId).Append(':');
        }

        Append(key, recipe);
        foreach (var part in discriminators)
        {
            Append(key.Append(':'), part);
        }

        return key.ToString();
    }

    private static StringBuilder Append(StringBuilder key, string part)
    {
        foreach (var c in part)
        {
            _ = c switch
            {
                '%' => key.Append("%25"),
                ':' => key.Append("%3A"),
                _ => key.Append(c),
            };
        }

        return key;
    }
}
