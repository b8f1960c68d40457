using System.Collections.Concurrent;
using Hotline.LocalHost.Processes;

namespace Hotline.LocalHost.Worker;

/// <summary>A started worker process: its exit and the last lines it wrote on stderr.</summary>
internal sealed class WorkerProcess(ChildProcess process, ConcurrentQueue<string> stderr) : IAsyncDisposable
{
    public Task<int> Exited => process.Exited;

    public int ProcessId => process.Id;

    public IReadOnlyList<string> LastErrorLines => [.. stderr];

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
