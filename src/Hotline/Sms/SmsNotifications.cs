using System.Text.Json;
using Hotline.Storage;

namespace Hotline.Sms;

/// <summary>Puts texts on the sms-outbound queue; the SendSms function sends them.</summary>
public sealed class SmsNotifications(HotlineStorage storage)
{
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
