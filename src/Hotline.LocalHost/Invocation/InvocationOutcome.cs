namespace Hotline.LocalHost.Invocation;

/// <summary>Whether an invocation succeeded, and why not when it did not.</summary>
internal sealed record InvocationOutcome(Guid InvocationId, bool Succeeded, string? Error)
{
    public static InvocationOutcome Success(Guid invocationId) => new(invocationId, true, null);

    public static InvocationOutcome Failure(Guid invocationId, string error) => new(invocationId, false, error);
}
