using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.TestWorker;

/// <summary>A timer whose run lasts until the app's clock is moved an hour or more (30 s at most), so a test can move
/// the clock while it runs.</summary>
public sealed partial class SlowTimerFunctions(TimeProvider time, ILogger<SlowTimerFunctions> logger)
{
    private static readonly TimeSpan Jump = TimeSpan.FromHours(1);

    [Function("SlowTick")]
    public async Task SlowTick([TimerTrigger("%SlowTickSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        DateTimeOffset started = time.GetUtcNow();
        LogStarted(logger, timer.IsPastDue);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(30));
        while (time.GetUtcNow() - started < Jump && !bounded.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }

        LogEnded(logger);
    }

    [LoggerMessage(1, LogLevel.Information, "Slow timer started isPastDue={IsPastDue}")]
    private static partial void LogStarted(ILogger logger, bool isPastDue);

    [LoggerMessage(2, LogLevel.Information, "Slow timer ended")]
    private static partial void LogEnded(ILogger logger);
}
