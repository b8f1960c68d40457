using Hotline.Hosting;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Hotline.Officers;

/// <summary>
/// Reads a small JSON body by hand rather than by parameter binding: binding runs before endpoint filters, so it
/// would answer a caller without a token about their JSON, and its failures are not all problem details.
/// </summary>
public static class JsonRequestBody
{
    /// <summary>Notes and reasons are at most 500 characters: 8 KiB leaves room for any UTF-8 and escaping.</summary>
    public const int MaxBytes = 8 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send application/json."));
        }

        if (await BoundedBody.ReadAsync(request, MaxBytes, cancellationToken) is not { } body)
        {
            return (null, TooLarge());
        }

        try
        {
            var value = JsonSerializer.Deserialize(body, type);
            return value is null
                ? (null, Malformed("The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException e)
        {
            // The path says where it went wrong ("$.note") without echoing what was sent.
            return (null, Malformed($"The body is not the expected JSON object (at {e.Path ?? "$"})."));
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"The body may be at most {MaxBytes} bytes.");

    private static ProblemHttpResult Malformed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: detail);
}
