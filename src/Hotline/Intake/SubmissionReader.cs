using System.Text.Json;
using Hotline.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Intake;

/// <summary>Reads a submission body as JSON or as a form post, within a size limit, without trusting its shape.</summary>
public static class SubmissionReader
{
    public enum Format
    {
        Json,
        Form,
    }

    public sealed record Result(SubmissionFields? Fields, Format Format, IResult? Problem);

    private static readonly string[] FormFields =
    [
        SubmissionFields.DescriptionField, SubmissionFields.PhoneField, SubmissionFields.NameField, SubmissionFields.RegionField,
        SubmissionFields.CategoryField, SubmissionFields.EmployerField, SubmissionFields.AffectedCountField,
        SubmissionFields.LanguageField, SubmissionFields.ConsentField,
    ];

    public static async Task<Result> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = DetectFormat(request.ContentType);
        if (format is null)
        {
            return new Result(null, Format.Json, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: "Send application/json or application/x-www-form-urlencoded."));
        }

        var body = await BoundedBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return new Result(null, format.Value, TooLarge(maxBytes));
        }

        if (format == Format.Form)
        {
            return new Result(ParseForm(body), Format.Form, null);
        }

        try
        {
            return new Result(ParseJson(body), Format.Json, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a property name that is not valid text (GetString-style decoding).
            return new Result(null, Format.Json, TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed JSON",
                detail: "The body is not a JSON object."));
        }
    }

    private static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Submission too large",
        detail: $"The body may be at most {maxBytes} bytes.");

    private static Format? DetectFormat(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }

        var type = media.MediaType.Value;
        if (string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase)
            || (type?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return Format.Json;
        }

        return string.Equals(type, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? Format.Form : null;
    }

    private static SubmissionFields ParseForm(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text.StartsWith('?') ? text : "?" + text);
        var typeErrors = FieldsNotUtf8(body, text);
        string? Get(string name) => typeErrors.ContainsKey(name) ? null : values.TryGetValue(name, out var v) ? v.ToString() : null;

        return new SubmissionFields
        {
            Description = Get(SubmissionFields.DescriptionField),
            Phone = Get(SubmissionFields.PhoneField),
            Name = Get(SubmissionFields.NameField),
            Region = Get(SubmissionFields.RegionField),
            Category = Get(SubmissionFields.CategoryField),
            Employer = Get(SubmissionFields.EmployerField),
            AffectedCount = Get(SubmissionFields.AffectedCountField),
            Language = Get(SubmissionFields.LanguageField),
            Consent = Get(SubmissionFields.ConsentField),
            TypeErrors = typeErrors,
        };
    }

    /// <summary>
    /// The form's fields whose bytes are not UTF-8, raw or escaped (%FF). The form parser turns them into U+FFFD
    /// without a word, so the report would be stored with its text silently changed: they are refused, as the JSON
    /// path refuses them. Fields the form does not have are ignored, as the parser ignores them.
    /// </summary>
    private static Dictionary<string, string> FieldsNotUtf8(byte[] body, string text)
    {
        var rawValid = System.Text.Unicode.Utf8.IsValid(body);
        var errors = new Dictionary<string, string>();
        foreach (var pair in (text.StartsWith('?') ? text[1..] : text).Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var field = Array.Find(FormFields, f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
            var bytes = System.Text.Encoding.UTF8.GetBytes(pair);
            if (field is not null
                && ((!rawValid && pair.Contains('\uFFFD', StringComparison.Ordinal)) || !System.Text.Unicode.Utf8.IsValid(System.Net.WebUtility.UrlDecodeToBytes(bytes, 0, bytes.Length))))
            {
                errors[field] = "Must be valid UTF-8 text.";
            }
        }

        return errors;
    }

    private static SubmissionFields ParseJson(byte[] body)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("Not an object.");
        }

        var typeErrors = new Dictionary<string, string>();

        // Numbers and booleans are accepted where a caller may reasonably send them; anything else is a type error.
        string? Get(string name, bool number = false, bool boolean = false)
        {
            if (!TryGetProperty(root, name, out var value))
            {
                return null;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.String when TryGetText(value, out var text):
                    return text;
                case JsonValueKind.String:
                    typeErrors[name] = "Must be valid Unicode text.";
                    return null;
                case JsonValueKind.Number when number:
                    return value.GetRawText();
                case JsonValueKind.True or JsonValueKind.False when boolean:
                    return value.GetRawText();
                default:
                    typeErrors[name] = number ? "Must be a number." : boolean ? "Must be true or false." : "Must be a string.";
                    return null;
            }
        }

        return new SubmissionFields
        {
            Description = Get(SubmissionFields.DescriptionField),
            Phone = Get(SubmissionFields.PhoneField, number: true),
            Name = Get(SubmissionFields.NameField),
            Region = Get(SubmissionFields.RegionField, number: true),
            Category = Get(SubmissionFields.CategoryField),
            Employer = Get(SubmissionFields.EmployerField),
            AffectedCount = Get(SubmissionFields.AffectedCountField, number: true),
            Language = Get(SubmissionFields.LanguageField),
            Consent = Get(SubmissionFields.ConsentField, boolean: true),
            TypeErrors = typeErrors,
        };
    }

    /// <summary>A JSON string can still be bad text (a lone surrogate such as "\ud800"); GetString refuses it.</summary>
    private static bool TryGetText(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static bool TryGetProperty(JsonElement root, string name, out JsonElement value)
    {
        // Property names are matched case-insensitively: callers write "Description" as often as "description".
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
