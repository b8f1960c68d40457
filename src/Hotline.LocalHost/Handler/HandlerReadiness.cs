using System.Net.Sockets;

namespace Hotline.LocalHost.Handler;

/// <summary>
/// Waits for the handler the way the host does: GET the base URL every 50 ms; any HTTP response means ready, a
/// socket error means keep waiting.
/// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Workers/Http/DefaultHttpWorkerService.cs (IsWorkerReady)
/// </summary>
internal static class HandlerReadiness
{
    public static async Task WaitAsync(HandlerClient handler, TimeSpan limit, Task<int>? processExited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            while (true)
            {
                if (processExited is { IsCompleted: true })
                {
                    throw new InvalidOperationException($"The handler exited with code {await processExited} before it listened on {handler.BaseAddress}.");
                }

                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, handler.BaseAddress);
                    using HttpResponseMessage response = await handler.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                    return;
                }
                catch (HttpRequestException exception) when (exception.InnerException is SocketException)
                {
                    await Task.Delay(50, deadline.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The handler did not answer on {handler.BaseAddress} within {limit.TotalSeconds:0} s (the host's limit).");
        }
    }
}
