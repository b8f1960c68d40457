using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Xunit;

namespace Hotline.Testing;

/// <summary>
/// A pipeline policy for a <c>TableClientOptions</c> that records the size of every request body and the actions of
/// every entity-group transaction, so a test can hold them to the service's limits (Azurite holds nobody to them).
/// </summary>
public sealed partial class TableRequestRecorder : HttpPipelineSynchronousPolicy
{
    private readonly List<(int Actions, long Bytes)> transactions = [];
    private readonly List<long> entityBodies = [];

    /// <summary>Each transaction sent: how many actions, how many bytes.</summary>
    public IReadOnlyList<(int Actions, long Bytes)> Transactions
    {
        get
        {
            lock (transactions)
            {
                return [.. transactions];
            }
        }
    }

    /// <summary>The body size of every other request that had one.</summary>
    public IReadOnlyList<long> EntityBodies
    {
        get
        {
            lock (transactions)
            {
                return [.. entityBodies];
            }
        }
    }

    /// <summary>Fails when a transaction had more than 100 actions or 4 MiB, or an entity write more than 1 MiB of body.</summary>
    public void AssertWithinLimits()
    {
        foreach (var (actions, bytes) in Transactions)
        {
            Assert.True(actions <= TableServiceLimits.MaxTransactionActions, $"a transaction of {actions} actions");
            Assert.True(bytes <= TableServiceLimits.MaxTransactionBytes, $"a transaction of {bytes} bytes");
        }

        foreach (var bytes in EntityBodies)
        {
            Assert.True(bytes <= TableServiceLimits.MaxEntityBytes, $"an entity write of {bytes} bytes");
        }
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Content is not { } content)
        {
            return;
        }

        using var body = new MemoryStream();
        content.WriteTo(body, CancellationToken.None);
        var path = message.Request.Uri.Path;
        lock (transactions)
        {
            if (path.EndsWith("/$batch", StringComparison.Ordinal))
            {
                var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
                transactions.Add((RequestLine().Count(text), body.Length));
            }
            else
            {
                entityBodies.Add(body.Length);
            }
        }
    }

    // Each action of a changeset is an HTTP request line of its own inside the multipart body.
    [GeneratedRegex(@"^(POST|PUT|PATCH|MERGE|DELETE) https?://", RegexOptions.Multiline)]
    private static partial Regex RequestLine();
}
