using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Hotline.Storage;

/// <summary>
/// A storage connection read the way the Functions host reads one
/// (https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity):
/// a connection string in <c>{name}</c> (<c>UseDevelopmentStorage=true</c>, explicit endpoints, account key), or the
/// identity form <c>{name}__tableServiceUri</c> / <c>{name}__queueServiceUri</c> (or <c>{name}__accountName</c>)
/// with <c>{name}__credential=managedidentity</c> and <c>{name}__clientId</c>.
/// </summary>
public sealed class StorageConnection
{
    private readonly string? connectionString;
    private readonly StorageOptions bounds;

    private StorageConnection(StorageOptions bounds, string? connectionString, Uri? tableServiceUri, Uri? queueServiceUri, TokenCredential? credential)
    {
        Name = bounds.Connection;
        this.bounds = bounds;
        this.connectionString = connectionString;
        TableServiceUri = tableServiceUri;
        QueueServiceUri = queueServiceUri;
        Credential = credential;
    }

    public string Name { get; }

    /// <summary>The table endpoint of the identity form; null for a connection string (the SDK reads it from there).</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>The queue endpoint of the identity form; null for a connection string.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The Entra ID credential of the identity form; null for a connection string.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Reads connection <paramref name="name"/>, with the default time bounds of <see cref="StorageOptions"/>.</summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string name) =>
        FromConfiguration(configuration, new StorageOptions { Connection = name });

    /// <summary>
    /// Reads the connection <see cref="StorageOptions.Connection"/> names; a missing or malformed setting is an error
    /// naming the setting (never its value). Every client made from it keeps to the options' time bounds.
    /// </summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Connection;
        ArgumentException.ThrowIfNullOrEmpty(name);
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(options, section.Value, null, null, null);
        }

        var accountName = Value(section, "accountName");
        var tableUri = ServiceUri(section, name, "tableServiceUri") ?? AccountUri(accountName, "table");
        var queueUri = ServiceUri(section, name, "queueServiceUri") ?? AccountUri(accountName, "queue");
        if (tableUri is null && queueUri is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string, or '{name}__accountName' " +
                $"(or '{name}__tableServiceUri' and '{name}__queueServiceUri') for an identity-based connection.");
        }

        if (tableUri is null || queueUri is null)
        {
            var missing = tableUri is null ? $"{name}__tableServiceUri" : $"{name}__queueServiceUri";
            throw new InvalidOperationException($"Setting '{missing}' is missing (or set '{name}__accountName' to derive both service URIs).");
        }

        return new StorageConnection(options, null, tableUri, queueUri, CredentialFrom(section, name));
    }

    /// <summary>A table service client within the time bounds (whatever retry settings <paramref name="options"/> had).</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions options)
    {
        Bound(options);
        return Create(() => connectionString is not null
            ? new TableServiceClient(connectionString, options)
            : new TableServiceClient(TableServiceUri!, Credential!, options));
    }

    /// <summary>A queue service client within the time bounds (whatever retry settings <paramref name="options"/> had).</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options)
    {
        Bound(options);
        return Create(() => connectionString is not null
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(QueueServiceUri!, Credential!, options));
    }

    /// <summary>
    /// The SDK's defaults (3 retries, 100 s per try, back-off up to a minute) hold a caller for minutes when storage
    /// stalls; with these a storage call fails within <see cref="StorageOptions.CallBudget"/> and the caller gets 503.
    /// </summary>
    private void Bound(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = bounds.MaxRetries;
        options.Retry.Delay = bounds.RetryDelay;
        options.Retry.MaxDelay = bounds.RetryDelay * (1 << Math.Max(0, bounds.MaxRetries - 1)) * 1.2;
        options.Retry.NetworkTimeout = bounds.TryTimeout;
    }

    private T Create<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The SDK's message may quote the connection string, key included: name the setting only.
            throw new InvalidOperationException($"Setting '{Name}' is not a valid storage connection string ({e.GetType().Name}).");
        }
    }

    private static TokenCredential CredentialFrom(IConfigurationSection section, string name)
    {
        var credential = Value(section, "credential");
        var clientId = Value(section, "clientId");
        if (credential is null)
        {
            // The Functions host falls back to DefaultAzureCredential when no credential is named.
            return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        }

        if (!string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Setting '{name}__credential' must be 'managedidentity', not '{credential}'.");
        }

        return new ManagedIdentityCredential(clientId is null
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    private static string? Value(IConfigurationSection section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? ServiceUri(IConfigurationSection section, string name, string key)
    {
        var value = Value(section, key);
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new InvalidOperationException($"Setting '{name}__{key}' must be an absolute http(s) URI, not '{value}'.");
    }

    private static Uri? AccountUri(string? accountName, string service) =>
        accountName is null ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
}
