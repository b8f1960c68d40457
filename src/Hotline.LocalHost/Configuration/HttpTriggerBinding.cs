namespace Hotline.LocalHost.Configuration;

/// <summary>
/// An httpTrigger: <see cref="Methods"/> empty means every method; <see cref="Route"/> is the template without the
/// route prefix (the function name when function.json has none).
/// </summary>
internal sealed record HttpTriggerBinding(
    string Name,
    IReadOnlyList<string> Methods,
    string Route,
    AuthorizationLevel AuthLevel) : TriggerBinding(Name)
{
    public override string Type => "httpTrigger";
}
