namespace Hotline.Tests.Faults;

/// <summary>
/// One generated request: which generator made it (<see cref="Endpoint"/>), its number in the run, and everything sent.
/// <see cref="Key"/> says which key the host should see: the master key, none, or (for officer endpoints) the master
/// key plus the bearer token in <see cref="Bearer"/>.
/// </summary>
public sealed record FuzzRequest(int Number, string Endpoint, HttpMethod Method, string Path, byte[]? Body, string? ContentType)
{
    public bool WithMasterKey { get; init; } = true;

    public string? Bearer { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The first characters of the body, to name a failing request.</summary>
    public override string ToString()
    {
        var body = Body is null ? "" : System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        return $"#{Number} {Endpoint}: {Method} {Path} ({ContentType ?? "no body"}, {Body?.Length ?? 0} bytes{(WithMasterKey ? "" : ", no key")}{(Bearer is null ? "" : ", bearer")}) {body}";
    }
}
