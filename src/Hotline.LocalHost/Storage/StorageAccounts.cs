using System.Collections.Concurrent;
using Hotline.LocalHost.Configuration;
using Hotline.Storage;
using Hotline.Storage.Queues;

namespace Hotline.LocalHost.Storage;

/// <summary>
/// The storage accounts bindings name through <c>connection</c>: empty or <c>AzureWebJobsStorage</c> is the host's
/// storage; any other name is an app setting holding a connection string (<c>&lt;name&gt;</c> or
/// <c>AzureWebJobs&lt;name&gt;</c>, as the host looks it up).
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#connections
/// </summary>
internal sealed class StorageAccounts
{
    public const string HostConnectionName = "AzureWebJobsStorage";

    private readonly string hostConnectionString;
    private readonly AppSettings settings;
    private readonly ConcurrentDictionary<string, StorageAccount> accounts = new(StringComparer.OrdinalIgnoreCase);

    public StorageAccounts(string hostConnectionString, AppSettings settings)
    {
        this.hostConnectionString = hostConnectionString;
        this.settings = settings;
    }

    public QueueClient GetQueue(string? connection, string queueName, QueueMessageEncoding encoding) =>
        Account(connection).GetQueueClient(queueName, encoding);

    public StorageAccount Account(string? connection)
    {
        string name = string.IsNullOrEmpty(connection) ? HostConnectionName : connection;
        return accounts.GetOrAdd(name, key => StorageAccount.Parse(ConnectionString(key)));
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
