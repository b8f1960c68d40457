using Hotline.Sms.Templates;

namespace Hotline.Sms.Recipes;

/// <summary>
/// A notification as a function of its facts (the case, and what else the moment knows: a note, a stage, a round):
/// who gets it, the template's parameters and the key's discriminators, each worked out here and nowhere else, so a
/// producer only says which recipe and which facts (<see cref="SmsNotifications.EnqueueAsync{TFacts}"/>).
/// </summary>
public sealed class SmsRecipe<TFacts>(string name, SmsAudience audience, string? template = null) : SmsRecipe(name, template ?? name, audience)
{
    /// <summary>The case the text is about; null for a text about none (the bulletin).</summary>
    public required Func<TFacts, string?> TicketId { get; init; }

    /// <summary>Whom it goes to: the caller (<see cref="SmsRecipient.Caller"/>) or the officers the facts name.</summary>
    public required Func<TFacts, IEnumerable<SmsRecipient>> Recipients { get; init; }

    /// <summary>A caller text's language tag (the case's); officer texts are in <see cref="SmsRecipe.OfficerLanguage"/>.</summary>
    public Func<TFacts, string?>? CallerLanguage { get; init; }

    /// <summary>When the facts do not call for the text at all (a stage it is not sent at); null: always.</summary>
    public Func<TFacts, bool>? When { get; init; }

    /// <summary>What must still hold of the case when the text goes out (<see cref="SmsRequest.OnlyWhile"/>); null: nothing.</summary>
    public Func<TFacts, CaseCondition>? OnlyWhile { get; init; }

    public RecipeFields<TFacts> Key { get; init; } = [];

    public RecipeFields<TFacts> Args { get; init; } = [];

    public override IReadOnlyList<string> Parameters => Args.Names;

    public override IReadOnlyList<string> Discriminators => Key.Names;

    /// <summary>The texts the facts call for, one per recipient, each with its key.</summary>
    public IReadOnlyList<SmsRequest> Requests(TFacts facts)
    {
        if (When?.Invoke(facts) == false)
        {
            return [];
        }

        var ticketId = TicketId(facts);
        var language = Audience == SmsAudience.Caller
            ? SmsLanguage.Normalize((CallerLanguage ?? throw new InvalidOperationException($"Recipe {Name} is for callers but names no language."))(facts))
            : OfficerLanguage;
        var args = Args.ToDictionary(a => a.Key, a => a.Value(facts), StringComparer.Ordinal);
        var parts = Key.Select(k => k.Value(facts)).ToList();
        var onlyWhile = OnlyWhile?.Invoke(facts);
        return
        [
            .. Recipients(facts).Select(to => new SmsRequest(
                MessageKey(ticketId, Name, Audience == SmsAudience.Officer ? [.. parts, to.Id] : parts),
                ticketId ?? "",
                to.Phone,
                Template,
                language,
                args,
                OnlyWhile: onlyWhile)),
        ];
    }
}
