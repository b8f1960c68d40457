using System.Collections.Concurrent;
using Azure.Core;
using Azure.Storage.Queues;
using Hotline.LocalHost.Configuration;

namespace Hotline.LocalHost.Storage;

/// <summary>
/// The storage accounts bindings name through <c>connection</c>: empty or <c>AzureWebJobsStorage</c> is the host's
/// storage; any other name is an app setting holding a connection string (<c>&lt;name&gt;</c> or
/// <c>AzureWebJobs&lt;name&gt;</c>, as the host looks it up). Messages are sent and read raw: the host does the
/// base64 itself, so an undecodable message can go to the poison queue instead of failing the receive.
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#connections
/// </summary>
internal sealed class QueueStorage(string hostConnectionString, AppSettings settings)
{
    public const string HostConnectionName = "AzureWebJobsStorage";

    /// <summary>
    /// The newest Queue service version the pinned Azurite (3.37) accepts; the SDK's default (2026-10-06) is refused by
    /// an Azurite started without --skipApiVersionCheck. Every operation used here exists in it.
    /// </summary>
    public const QueueClientOptions.ServiceVersion AzuriteServiceVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    private readonly ConcurrentDictionary<string, QueueServiceClient> accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> created = new(StringComparer.OrdinalIgnoreCase);

    public QueueClient GetQueue(string? connection, string queueName) => Account(connection).GetQueueClient(queueName);

    /// <summary>The queue, created on first use (again after a failure: Azurite may have lost it).</summary>
    public async Task<QueueClient> GetCreatedQueueAsync(string? connection, string queueName, CancellationToken cancellationToken)
    {
        QueueClient queue = GetQueue(connection, queueName);
        string key = (connection ?? HostConnectionName) + "/" + queueName;
        if (!created.ContainsKey(key))
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            created[key] = 0;
        }

        return queue;
    }

    public void Forget(string? connection, string queueName) => created.TryRemove((connection ?? HostConnectionName) + "/" + queueName, out _);

    /// <summary>Checks every connection name now, so a missing setting stops the start instead of the first message.</summary>
    public void Validate(string? connection) => Account(connection);

    private QueueServiceClient Account(string? connection)
    {
        string name = string.IsNullOrEmpty(connection) ? HostConnectionName : connection;
        return accounts.GetOrAdd(name, key => new QueueServiceClient(ConnectionString(key), new QueueClientOptions(AzuriteServiceVersion)
        {
            MessageEncoding = QueueMessageEncoding.None,

            // A storage outage must show quickly (pollers back off, callers get 503), not after the SDK's long retries.
            Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), Mode = RetryMode.Exponential, NetworkTimeout = TimeSpan.FromSeconds(10) },
        }));
    }

    private string ConnectionString(string name)
    {
        if (string.Equals(name, HostConnectionName, StringComparison.OrdinalIgnoreCase))
        {
            return hostConnectionString;
        }

        return settings[name] ?? settings["AzureWebJobs" + name]
            ?? throw new FunctionsConfigurationException($"Connection '{name}' has no connection string (app setting '{name}' or 'AzureWebJobs{name}').");
    }
}
