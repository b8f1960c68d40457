using System.Text;
using Hotline.Hosting;
using Hotline.Sms.Twilio;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Hotline.SmsInbound;

/// <summary>
/// Reads a Twilio webhook body (application/x-www-form-urlencoded, https://www.twilio.com/docs/messaging/guides/webhook-request)
/// within a size limit, without trusting it: wrong media type 415, too large 413, not UTF-8 or not a form 400.
/// </summary>
public static class TwilioWebhookForm
{
    private const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>Twilio sends about twenty parameters (more with media); a thousand is no webhook.</summary>
    private const int MaxFields = 200;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public sealed record Result(IFormCollection? Form, ProblemHttpResult? Problem);

    /// <summary>Reads the form and checks X-Twilio-Signature over it: 403 when the signature does not match.</summary>
    public static async Task<Result> ReadSignedAsync(HttpRequest request, TwilioRequestValidator validator, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validator);
        var read = await ReadAsync(request, maxBytes, cancellationToken);
        if (read.Problem is not null || validator.IsValid(request, read.Form!))
        {
            return read;
        }

        return new Result(null, TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Invalid signature",
            detail: "The request does not carry a valid X-Twilio-Signature."));
    }

    public static async Task<Result> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsForm(request.ContentType))
        {
            return Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Twilio webhooks are application/x-www-form-urlencoded.");
        }

        if (await BoundedBody.ReadAsync(request, maxBytes, cancellationToken) is not { } body)
        {
            return TooLarge(maxBytes);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Fail(StatusCodes.Status400BadRequest, "Malformed form", "The body is not UTF-8.");
        }

        try
        {
            using var reader = new FormReader(text) { ValueCountLimit = MaxFields, KeyLengthLimit = 200, ValueLengthLimit = maxBytes };
            return new Result(new FormCollection(reader.ReadForm()), null);
        }
        catch (InvalidDataException)
        {
            return Fail(StatusCodes.Status400BadRequest, "Malformed form", "The form has too many or too long fields.");
        }
    }

    private static bool IsForm(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals(FormMediaType, StringComparison.OrdinalIgnoreCase);

    private static Result TooLarge(int maxBytes) =>
        Fail(StatusCodes.Status413PayloadTooLarge, "Webhook too large", $"At most {maxBytes} bytes are accepted.");

    private static Result Fail(int status, string title, string detail) =>
        new(null, TypedResults.Problem(statusCode: status, title: title, detail: detail));
}
