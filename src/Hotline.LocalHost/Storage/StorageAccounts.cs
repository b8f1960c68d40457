using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Hotline.LocalHost.Configuration;

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
    private readonly ConcurrentDictionary<string, QueueServiceClient> accounts = new(StringComparer.OrdinalIgnoreCase);

    public StorageAccounts(string hostConnectionString, AppSettings settings)
    {
        this.hostConnectionString = hostConnectionString;
        this.settings = settings;
    }

    public QueueClient GetQueue(string? connection, string queueName, QueueMessageEncoding encoding) =>
        new(ConnectionString(Name(connection)), queueName, new QueueClientOptions { MessageEncoding = encoding });

    /// <summary>The account a binding's connection names; parsing it is what checks the connection string.</summary>
    public QueueServiceClient Account(string? connection) =>
        accounts.GetOrAdd(Name(connection), key => new QueueServiceClient(ConnectionString(key)));

    private static string Name(string? connection) => string.IsNullOrEmpty(connection) ? HostConnectionName : connection;

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
