using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Hotline.Storage;

namespace Hotline.Routing;

/// <summary>Puts cases on the case-routing queue; the RouteCase function routes them.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Named after the queue it writes to; not a collection.")]
public sealed class CaseRoutingQueue(HotlineStorage storage)
{
    /// <summary>Queues the case, visible only after <paramref name="delay"/> when one is given.</summary>
    public Task SendAsync(RouteCaseMessage message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = JsonSerializer.Serialize(message, HotlineJsonContext.Default.RouteCaseMessage);
        return storage.CaseRouting.SendMessageAsync(text, visibilityTimeout: delay, cancellationToken: cancellationToken);
    }
}
