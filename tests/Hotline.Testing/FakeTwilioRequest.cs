namespace Hotline.Testing;

/// <summary>One request as <see cref="FakeTwilioServer"/> received it, and the status it answered.</summary>
/// <param name="RawBody">The body exactly as sent (percent-encoding included).</param>
/// <param name="Form">The decoded form fields in wire order ("+" read as a space, %XX as UTF-8).</param>
public sealed record FakeTwilioRequest(
    string Method,
    string Path,
    string? ContentType,
    string? Authorization,
    string RawBody,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    int ResponseStatus,
    int? ResponseErrorCode,
    string? MessageSid)
{
    /// <summary>The first value of a form field, or null.</summary>
    public string? this[string name] => Form.FirstOrDefault(f => f.Key == name).Value;
}
