using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline.Sms.Twilio;

/// <summary>
/// Checks X-Twilio-Signature on inbound webhooks (inbound SMS, status callbacks). Fails closed: without an auth
/// token configured, nothing is valid.
/// </summary>
public sealed partial class TwilioRequestValidator(IOptions<TwilioOptions> options, ILogger<TwilioRequestValidator> logger)
{
    /// <summary>True when <paramref name="signature"/> signs <paramref name="url"/> and <paramref name="formParams"/> with the account's auth token.</summary>
    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> formParams, string? signature)
    {
        var token = options.Value.AuthToken;
        if (string.IsNullOrEmpty(token))
        {
            Log.NoAuthToken(logger);
            return false;
        }

        var valid = TwilioSignature.Matches(token, url, formParams, signature);
        if (!valid)
        {
            Log.SignatureMismatch(logger, url, signature is null ? "missing" : "wrong");
        }

        return valid;
    }

    /// <summary>Validates an ASP.NET Core request against its already-read form, using <see cref="PublicUrl"/>.</summary>
    public bool IsValid(HttpRequest request, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(form);
        var parameters = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty)));
        return IsValid(PublicUrl(request), parameters, request.Headers[TwilioSignature.HeaderName].FirstOrDefault());
    }

    /// <summary>
    /// The URL Twilio called: <see cref="TwilioOptions.WebhookBaseUrl"/> (or the request's own scheme and host) followed
    /// by the request target exactly as received. The raw target matters: a decoded path or query ("%20" → " ")
    /// changes the signature.
    /// </summary>
    public string PublicUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            target = string.Concat(request.PathBase.ToUriComponent(), request.Path.ToUriComponent(), request.QueryString.ToUriComponent());
        }

        var baseUrl = options.Value.WebhookBaseUrl?.OriginalString ?? $"{request.Scheme}://{request.Host.ToUriComponent()}";
        return baseUrl.TrimEnd('/') + target;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Twilio webhook rejected: Hotline:Sms:Twilio:AuthToken is not configured")]
        public static partial void NoAuthToken(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning, "Twilio webhook rejected: {Reason} signature for {Url}")]
        public static partial void SignatureMismatch(ILogger logger, string url, string reason);
    }
}
