using System.Globalization;
using Hotline.Hosting;
using Hotline.Intake;
using Microsoft.AspNetCore.WebUtilities;

namespace Hotline.Open311;

/// <summary>
/// The form of <c>POST requests</c> (application/x-www-form-urlencoded, UTF-8), read within the intake's size limit.
/// Only what the hotline uses is kept: email, device_id, account_id, media_url and attributes are dropped, so no
/// personal data is stored that nobody needs.
/// </summary>
public sealed record Open311RequestForm
{
    public string? ApiKey { get; init; }
    public string? ServiceCode { get; init; }
    public string? Description { get; init; }
    public string? Phone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? AddressString { get; init; }
    public string? AddressId { get; init; }
    public string? Latitude { get; init; }
    public string? Longitude { get; init; }

    public sealed record Result(Open311RequestForm? Form, Open311Error? Error);

    public static async Task<Result> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsForm(request.ContentType))
        {
            return Refused(415, "Send the request as application/x-www-form-urlencoded.");
        }

        var body = await BoundedBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return Refused(413, $"The request may be at most {maxBytes} bytes.");
        }

        // The form parser turns bytes that are not UTF-8 into U+FFFD without a word: refuse them, or a report would
        // be stored with its text silently changed.
        var text = System.Text.Encoding.UTF8.GetString(body);
        if (!System.Text.Unicode.Utf8.IsValid(body) || text.Split('&').Any(pair => !IsUtf8(pair)))
        {
            return Refused(400, "The request must be UTF-8 text.");
        }

        var values = QueryHelpers.ParseQuery("?" + text);

        // "Optional" in the standard: an empty parameter is the same as an absent one.
        string? Get(string name) => values.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        return new Result(new Open311RequestForm
        {
            ApiKey = Get("api_key"),
            ServiceCode = Get("service_code"),
            Description = Get("description"),
            Phone = Get("phone"),
            FirstName = Get("first_name"),
            LastName = Get("last_name"),
            AddressString = Get("address_string"),
            AddressId = Get("address_id"),
            Latitude = Get("lat"),
            Longitude = Get("long"),
        }, null);
    }

    /// <summary>
    /// The standard's one required location: lat and long, address_string or address_id. Coordinates must be
    /// WGS84 numbers. Null when the form has a usable one.
    /// </summary>
    public string? LocationProblem()
    {
        if ((Latitude is null) != (Longitude is null))
        {
            return "Send both lat and long, or neither.";
        }

        if (Latitude is not null && (!TryCoordinate(Latitude, 90, out _) || !TryCoordinate(Longitude!, 180, out _)))
        {
            return "lat and long must be WGS84 degrees (lat -90 to 90, long -180 to 180).";
        }

        return Latitude is null && AddressString is null && AddressId is null
            ? "A location is required: lat and long, address_string or address_id."
            : null;
    }

    /// <summary>
    /// What intake validates, as a submission would carry it. The region is a division code from address_id or
    /// address_string when one is such a code; any other place the partner sent is kept in the text for the officer.
    /// The partner holds the api key under an agreement that makes it get the reporter's consent, so its request
    /// carries that consent (docs/decisions.md, "Open311").
    /// </summary>
    public SubmissionFields ToSubmission()
    {
        var region = IsDivisionCode(AddressId) ? AddressId : IsDivisionCode(AddressString) ? AddressString : null;
        var place = new List<string>();
        if (AddressString is not null && AddressString != region)
        {
            place.Add($"地点 / Place: {AddressString}");
        }

        if (AddressId is not null && AddressId != region)
        {
            place.Add($"地址编号 / Address id: {AddressId}");
        }

        if (Latitude is not null && Longitude is not null)
        {
            place.Add($"坐标 / Coordinates: {Latitude}, {Longitude}");
        }

        return new SubmissionFields
        {
            Description = Description is null || place.Count == 0 ? Description : Description + "\n\n" + string.Join("\n", place),
            Phone = Phone,
            Name = FullName(),
            Region = region,
            Category = ServiceCode,
            Consent = "true",
        };
    }

    /// <summary>A Chinese name is family name first with no space (张 + 伟 = 张伟); a Latin one is "given family".</summary>
    private string? FullName()
    {
        if (FirstName is null || LastName is null)
        {
            return FirstName ?? LastName;
        }

        return (FirstName + LastName).Any(c => c is >= '\u3400' and <= '\u9fff') ? LastName + FirstName : $"{FirstName} {LastName}";
    }

    private static bool IsDivisionCode(string? value) => value is { Length: >= 6 and <= 12 } && value.All(char.IsAsciiDigit);

    private static bool TryCoordinate(string text, double limit, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && Math.Abs(value) <= limit;

    private static bool IsUtf8(string pair)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(pair.Replace('+', ' '));
        return System.Text.Unicode.Utf8.IsValid(System.Net.WebUtility.UrlDecodeToBytes(bytes, 0, bytes.Length));
    }

    private static bool IsForm(string? contentType) =>
        !string.IsNullOrEmpty(contentType)
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType.Value, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static Result Refused(int code, string description) => new(null, new Open311Error(code, description));
}
