using System.Text.Json.Serialization;

namespace Hotline.Hosting;

/// <summary>
/// The custom-handler response envelope. The host needs a JSON body on every answer, even when there are no outputs.
/// This app writes to storage itself, so outputs stay empty; logs reach the invocation's log in Application Insights.
/// </summary>
public sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, string> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] string? ReturnValue)
{
    public static InvocationResult Empty { get; } = new(new Dictionary<string, string>(), [], null);

    public static InvocationResult WithLogs(params string[] logs) => new(new Dictionary<string, string>(), logs, null);
}
