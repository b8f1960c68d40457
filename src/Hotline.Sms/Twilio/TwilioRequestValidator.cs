using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RequestValidator = Twilio.Security.RequestValidator;

namespace Hotline.Sms.Twilio;

/// <summary>
/// Checks X-Twilio-Signature on inbound webhooks (inbound SMS, status callbacks) with the Twilio SDK's
/// <see cref="RequestValidator"/> (the URL with and without its port, compared in constant time). What is ours: the
/// public URL, and failing closed before the SDK is asked: no auth token, no signature, or a field sent twice (the
/// SDK signs one value per name, and Twilio sends each name once) is never valid.
/// </summary>
public sealed partial class TwilioRequestValidator(IOptions<TwilioOptions> options, ILogger<TwilioRequestValidator> logger)
{
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>True when <paramref name="signature"/> signs <paramref name="url"/> and <paramref name="formParams"/> with the account's auth token.</summary>
    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> formParams, string? signature)
    {
        ArgumentNullException.ThrowIfNull(formParams);
        var token = options.Value.AuthToken;
        if (string.IsNullOrEmpty(token))
        {
            Log.NoAuthToken(logger);
            return false;
        }

        // The SDK throws on an empty signature (and on an empty URL): a request without one is simply not Twilio's.
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(url))
        {
            Log.SignatureMismatch(logger, url, "no signature");
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in formParams)
        {
            if (!fields.TryAdd(name, value))
            {
                Log.SignatureMismatch(logger, url, $"field {name} sent twice");
                return false;
            }
        }

        var valid = new RequestValidator(token).Validate(url, fields, signature);
        if (!valid)
        {
            Log.SignatureMismatch(logger, url, "wrong signature");
        }

        return valid;
    }

    /// <summary>Validates an ASP.NET Core request against its already-read form, using <see cref="PublicUrl"/>.</summary>
    public bool IsValid(HttpRequest request, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(form);
        var parameters = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty)));
        return IsValid(PublicUrl(request), parameters, request.Headers[SignatureHeader].FirstOrDefault());
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

        [LoggerMessage(2, LogLevel.Warning, "Twilio webhook rejected: {Reason} for {Url}")]
        public static partial void SignatureMismatch(ILogger logger, string url, string reason);
    }
}
