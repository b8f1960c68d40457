namespace Hotline.Sms.Twilio;

/// <summary>
/// Sends what the Twilio SDK addresses to Twilio's API to <see cref="TwilioOptions.ApiBaseUrl"/> instead, path and
/// query kept: the SDK builds its URLs from a fixed host name and has no setting for another one.
/// </summary>
internal sealed class TwilioApiRedirectHandler(Uri target) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
