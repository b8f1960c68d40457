using System.Text.Json;
using Hotline.Sms.Recipes;
using Hotline.Storage;

namespace Hotline.Sms;

/// <summary>Puts texts on the sms-outbound queue; the SendSms function sends them.</summary>
public sealed class SmsNotifications(HotlineStorage storage)
{
    /// <summary>Queues the texts <paramref name="recipe"/> makes of <paramref name="facts"/> (one per recipient, each with its key); returns how many.</summary>
    public async Task<int> EnqueueAsync<TFacts>(SmsRecipe<TFacts> recipe, TFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var requests = recipe.Requests(facts);
        foreach (var request in requests)
        {
            await EnqueueAsync(request, cancellationToken);
        }

        return requests.Count;
    }

    public Task EnqueueAsync(SmsRequest request, CancellationToken cancellationToken) =>
        EnqueueAsync(request, delay: null, cancellationToken);

    /// <summary>Queues a text that becomes visible only after <paramref name="delay"/> (a retry's back-off).</summary>
    public Task EnqueueAsync(SmsRequest request, TimeSpan? delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = JsonSerializer.Serialize(request, HotlineJsonContext.Default.SmsRequest);
        return storage.SmsOutbound.SendMessageAsync(text, visibilityTimeout: delay, cancellationToken: cancellationToken);
    }
}
