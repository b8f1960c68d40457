namespace Hotline.Testing;

/// <summary>
/// Sends what the Twilio SDK addresses to https://api.twilio.com to <paramref name="target"/> (a
/// <see cref="FakeTwilioServer"/>): the SDK fixes the host name. Add it to the app's Twilio HttpClient; only tests do.
/// Any other host fails the request, so a call the test did not expect never leaves the machine.
/// </summary>
public sealed class FakeTwilioRedirectHandler(Uri target) : DelegatingHandler
{
    public const string TwilioApiHost = "api.twilio.com";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (uri.Scheme != Uri.UriSchemeHttps || uri.Host != TwilioApiHost)
        {
            throw new InvalidOperationException($"FakeTwilioRedirectHandler: unexpected request to {uri.GetLeftPart(UriPartial.Authority)}.");
        }

        request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
