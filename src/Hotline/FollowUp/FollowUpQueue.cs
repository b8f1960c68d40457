using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Hotline.Storage;

namespace Hotline.FollowUp;

/// <summary>Puts due follow-ups on the follow-ups queue; the RunFollowUp function handles them.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Named after the queue it writes to; not a collection.")]
public sealed class FollowUpQueue(HotlineStorage storage)
{
    public Task SendAsync(FollowUpMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = JsonSerializer.Serialize(message, HotlineJsonContext.Default.FollowUpMessage);
        return storage.DueFollowUps.SendMessageAsync(text, cancellationToken: cancellationToken);
    }
}
