using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Invocation;

/// <summary>The host's per-invocation lines ("Executing 'Functions.X' …" / "Executed 'Functions.X' (Succeeded, …)").</summary>
internal static partial class ExecutionLog
{
    [LoggerMessage(100, LogLevel.Information, "Executing 'Functions.{FunctionName}' (Reason='{Reason}', Id={InvocationId})")]
    public static partial void Executing(ILogger logger, string functionName, string reason, string invocationId);

    [LoggerMessage(101, LogLevel.Information, "Executed 'Functions.{FunctionName}' (Succeeded, Id={InvocationId}, Duration={DurationMs}ms)")]
    public static partial void Succeeded(ILogger logger, string functionName, string invocationId, long durationMs);

    [LoggerMessage(102, LogLevel.Error, "Executed 'Functions.{FunctionName}' (Failed, Id={InvocationId}, Duration={DurationMs}ms): {Error}")]
    public static partial void Failed(ILogger logger, string functionName, string invocationId, long durationMs, string error);

    [LoggerMessage(103, LogLevel.Information, "{FunctionName}: {Line}")]
    public static partial void FunctionLog(ILogger logger, string functionName, string line);
}
