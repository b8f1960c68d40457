namespace Hotline.LocalHost;

/// <summary>How an invocation ended: <see cref="Succeeded"/>, or the failure message (exception type and message).</summary>
public sealed record InvocationOutcome(string InvocationId, bool Succeeded, string? FailureMessage)
{
    internal static InvocationOutcome Success(string invocationId) => new(invocationId, true, null);

    internal static InvocationOutcome Failure(string invocationId, string message) => new(invocationId, false, message);
}
