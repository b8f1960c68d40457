namespace Hotline.LocalHost.Invocation;

/// <summary>
/// Counts invocations in flight so that shutdown can wait for them (bounded), and cancels them when that wait runs out.
/// </summary>
internal sealed class InvocationTracker : IDisposable
{
    private readonly object gate = new();
    private readonly CancellationTokenSource abort = new();
    private int running;
    private TaskCompletionSource idle = CompletedSource();

    /// <summary>Cancelled only when shutdown gives up waiting; in-flight invocations observe it.</summary>
    public CancellationToken Aborted => abort.Token;

    public int Running
    {
        get
        {
            lock (gate)
            {
                return running;
            }
        }
    }

    public IDisposable Begin()
    {
        lock (gate)
        {
            if (running++ == 0)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Registration(this);
    }

    /// <summary>Starts <paramref name="work"/> in the background, counted from this call on.</summary>
    public void Start(Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        IDisposable registration = Begin();
        _ = Task.Run(async () =>
        {
            using (registration)
            {
                try
                {
                    await work(Aborted);
                }
                catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
                {
                    // Shutdown gave up waiting for it.
                }
            }
        });
    }

    /// <summary>Waits until nothing runs or <paramref name="limit"/> passes; then cancels what still runs. True when idle.</summary>
    public async Task<bool> DrainAsync(TimeSpan limit)
    {
        Task idleTask;
        lock (gate)
        {
            idleTask = idle.Task;
        }

        bool drained = await Task.WhenAny(idleTask, Task.Delay(limit)) == idleTask;
        if (!drained)
        {
            await abort.CancelAsync();
        }

        return drained;
    }

    public void Dispose() => abort.Dispose();

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private void End()
    {
        lock (gate)
        {
            if (--running == 0)
            {
                idle.TrySetResult();
            }
        }
    }

    private sealed class Registration(InvocationTracker tracker) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                tracker.End();
            }
        }
    }
}
