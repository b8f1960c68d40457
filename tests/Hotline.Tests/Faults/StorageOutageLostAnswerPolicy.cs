using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hotline.Tests.Faults;

/// <summary>
/// Storage that took a write and lost its answer on the way back (a connection reset after the commit): once armed,
/// the first transaction on the named table is sent, and then fails as a reset connection does, so the SDK tries it
/// again. A pipeline policy, since no proxy can pick that moment reliably.
/// </summary>
public sealed class StorageOutageLostAnswerPolicy : HttpPipelinePolicy
{
    private string? _table;
    private int _lost;

    /// <summary>How many answers were dropped (0 or 1).</summary>
    public int Lost => Volatile.Read(ref _lost);

    public void Arm(string tableName) => Volatile.Write(ref _table, tableName);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        await ProcessNextAsync(message, pipeline);
        LoseFirstAnswer(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        ProcessNext(message, pipeline);
        LoseFirstAnswer(message);
    }

    private void LoseFirstAnswer(HttpMessage message)
    {
        if (Volatile.Read(ref _table) is not { } table || !IsTransactionOn(message, table) || Interlocked.CompareExchange(ref _lost, 1, 0) != 0)
        {
            return;
        }

        // Status 0, as the SDK reports a connection that failed: retryable.
        throw new RequestFailedException("The answer was lost on the way back (connection reset).");
    }

    private static bool IsTransactionOn(HttpMessage message, string table)
    {
        if (message.Request.Method != RequestMethod.Post || !message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) || message.Request.Content is null)
        {
            return false;
        }

        using var body = new MemoryStream();
        message.Request.Content.WriteTo(body, message.CancellationToken);
        return Encoding.UTF8.GetString(body.ToArray()).Contains($"/{table}?", StringComparison.Ordinal);
    }
}
