using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hotline.Storage.Auth;

/// <summary>
/// Dates every attempt (a retry gets a fresh date) so the service's 15-minute clock-skew check passes.
/// Runs before the signing policy, which signs the date.
/// </summary>
internal sealed class StorageDatePolicy(TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public const string HeaderName = "x-ms-date";

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(HeaderName, timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
}
