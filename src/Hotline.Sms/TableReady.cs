using Hotline.Storage.Tables;

namespace Hotline.Sms;

/// <summary>Creates a table once per process, on first use; a failed attempt is retried by the next caller.</summary>
internal sealed class TableReady(TableClient table)
{
    private Task? creating;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var task = Volatile.Read(ref creating);
        if (task is null)
        {
            var created = table.CreateIfNotExistsAsync(CancellationToken.None);
            task = Interlocked.CompareExchange(ref creating, created, null) ?? created;
        }

        try
        {
            await task.WaitAsync(cancellationToken);
        }
        catch when (task.IsFaulted)
        {
            _ = Interlocked.CompareExchange(ref creating, null, task);
            throw;
        }
    }
}
