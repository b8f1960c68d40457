using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Hotline.Storage.Auth;
using Hotline.Storage.Http;
using Hotline.Storage.Queues;
using Hotline.Storage.Tables;

namespace Hotline.Storage;

/// <summary>
/// A storage account's Table and Queue endpoints and how to authorize against them (account key or Entra ID token).
/// Clients made from one account share its HTTP pipelines.
/// </summary>
public sealed class StorageAccount
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, documented; not a secret).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // Table: JSON needs 2013-08-15+; 2019-02-02 is what the JS SDK sends. Queue: any recent version works in Azurite.
    internal const string TableApiVersion = "2019-02-02";
    internal const string QueueApiVersion = "2025-11-05";

    // https://learn.microsoft.com/rest/api/storageservices/authorize-with-azure-active-directory
    internal const string TokenScope = "https://storage.azure.com/.default";

    private readonly StoragePipeline tablePipeline;
    private readonly StoragePipeline queuePipeline;

    private StorageAccount(
        string accountName,
        Uri tableEndpoint,
        Uri queueEndpoint,
        StorageSharedKey? sharedKey,
        TokenCredential? credential,
        StorageClientOptions? options)
    {
        options ??= new StorageClientOptions();
        AccountName = accountName;
        TableEndpoint = tableEndpoint;
        QueueEndpoint = queueEndpoint;
        Credential = credential;

        HttpPipelinePolicy TableAuth() => sharedKey is not null
            ? new TableSharedKeyLitePolicy(sharedKey)
            : new BearerTokenAuthenticationPolicy(credential!, TokenScope);
        HttpPipelinePolicy QueueAuth() => sharedKey is not null
            ? new QueueSharedKeyPolicy(sharedKey)
            : new BearerTokenAuthenticationPolicy(credential!, TokenScope);

        // Per-retry, date before signature: each attempt is dated and signed afresh.
        tablePipeline = new StoragePipeline(Build(options, TableAuth()), TableApiVersion);
        queuePipeline = new StoragePipeline(Build(options, QueueAuth()), QueueApiVersion);
    }

    public string AccountName { get; }

    public Uri TableEndpoint { get; }

    public Uri QueueEndpoint { get; }

    /// <summary>The token credential, when the account is reached with Entra ID rather than a key.</summary>
    internal TokenCredential? Credential { get; }

    /// <summary>
    /// Parses a storage connection string: "UseDevelopmentStorage=true" (Azurite on 127.0.0.1:10000-10002),
    /// or AccountName + AccountKey with DefaultEndpointsProtocol/EndpointSuffix and optional explicit
    /// TableEndpoint/QueueEndpoint (needed for Azurite on other ports).
    /// https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string
    /// </summary>
    public static StorageAccount Parse(string connectionString, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys end with '='.
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"The storage connection string has a part without a name=value pair (near '{Describe(part)}').");
            }

            string name = part[..eq].Trim();
            if (!settings.TryAdd(name, part[(eq + 1)..].Trim()))
            {
                throw new FormatException($"The storage connection string sets '{name}' twice.");
            }
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out string? dev))
        {
            if (!string.Equals(dev, "true", StringComparison.OrdinalIgnoreCase) || settings.Count != 1)
            {
                throw new FormatException("'UseDevelopmentStorage' must be 'true' and cannot be combined with other settings.");
            }

            return new StorageAccount(
                DevelopmentAccountName,
                new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
                new StorageSharedKey(DevelopmentAccountName, DevelopmentAccountKey),
                credential: null,
                options);
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("Storage connection strings with a 'SharedAccessSignature' are not supported; use an AccountKey or managed identity.");
        }

        string accountName = Required(settings, "AccountName");
        string accountKey = Required(settings, "AccountKey");
        string protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException($"'DefaultEndpointsProtocol' must be http or https, not '{protocol}'.");
        }

        string suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        Uri tableEndpoint = Endpoint(settings, "TableEndpoint") ?? new Uri($"{protocol}://{accountName}.table.{suffix}");
        Uri queueEndpoint = Endpoint(settings, "QueueEndpoint") ?? new Uri($"{protocol}://{accountName}.queue.{suffix}");
        return new StorageAccount(accountName, tableEndpoint, queueEndpoint, new StorageSharedKey(accountName, accountKey), credential: null, options);
    }

    /// <summary>Reaches the account with an Entra ID token (scope https://storage.azure.com/.default).</summary>
    public static StorageAccount FromIdentity(
        Uri tableServiceUri,
        Uri queueServiceUri,
        TokenCredential credential,
        StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageAccount(AccountNameOf(tableServiceUri), tableServiceUri, queueServiceUri, sharedKey: null, credential, options);
    }

    /// <summary>
    /// Reads a storage connection the way the Functions host reads AzureWebJobsStorage: a connection string in
    /// <c>name</c>, or identity-based settings <c>name__tableServiceUri</c>/<c>name__queueServiceUri</c> or
    /// <c>name__accountName</c>, with <c>name__credential</c>=managedidentity and <c>name__clientId</c>.
    /// https://learn.microsoft.com/azure/azure-functions/functions-reference#common-properties-for-identity-based-connections
    /// </summary>
    public static StorageAccount FromConfiguration(
        Func<string, string?> setting,
        string name = "AzureWebJobsStorage",
        StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentException.ThrowIfNullOrEmpty(name);

        string? connectionString = setting(name);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return Parse(connectionString, options);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"Setting '{name}' is not a valid storage connection string: {e.Message}", e);
            }
        }

        string? accountName = Value(setting, $"{name}__accountName");
        Uri? tableUri = ServiceUri(setting, $"{name}__tableServiceUri") ?? AccountUri(accountName, "table");
        Uri? queueUri = ServiceUri(setting, $"{name}__queueServiceUri") ?? AccountUri(accountName, "queue");
        if (tableUri is null && queueUri is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string, or '{name}__accountName' " +
                $"(or '{name}__tableServiceUri' and '{name}__queueServiceUri') for an identity-based connection.");
        }

        if (tableUri is null || queueUri is null)
        {
            string missing = tableUri is null ? $"{name}__tableServiceUri" : $"{name}__queueServiceUri";
            throw new InvalidOperationException($"Setting '{missing}' is missing (or set '{name}__accountName' to derive both service URIs).");
        }

        return FromIdentity(tableUri, queueUri, CredentialFrom(setting, name), options);
    }

    public TableClient GetTableClient(string tableName) => new(tableName, TableEndpoint, tablePipeline);

    public QueueClient GetQueueClient(string queueName, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(queueName, encoding, QueueEndpoint, queuePipeline);

    private static HttpPipeline Build(StorageClientOptions options, HttpPipelinePolicy auth) =>
        HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [],
            perRetryPolicies: [new StorageDatePolicy(options.TimeProvider), auth],
            responseClassifier: new ResponseClassifier());

    private static TokenCredential CredentialFrom(Func<string, string?> setting, string name)
    {
        string? credential = Value(setting, $"{name}__credential");
        string? clientId = Value(setting, $"{name}__clientId");
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

    private static string? Value(Func<string, string?> setting, string key) =>
        setting(key) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? ServiceUri(Func<string, string?> setting, string key)
    {
        string? value = Value(setting, key);
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new InvalidOperationException($"Setting '{key}' must be an absolute http(s) URI, not '{value}'.");
    }

    private static Uri? AccountUri(string? accountName, string service) =>
        accountName is null ? null : new Uri($"https://{accountName}.{service}.core.windows.net");

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out string? value) && value.Length > 0
            ? value
            : throw new FormatException($"The storage connection string has no '{name}'.");

    private static Uri? Endpoint(Dictionary<string, string> settings, string name)
    {
        if (!settings.TryGetValue(name, out string? value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new FormatException($"'{name}' in the storage connection string must be an absolute http(s) URI, not '{value}'.");
    }

    /// <summary>acct.table.core.windows.net → acct; path-style emulator URLs (127.0.0.1:10002/acct) → acct.</summary>
    private static string AccountNameOf(Uri serviceUri)
    {
        string firstSegment = serviceUri.AbsolutePath.Trim('/').Split('/')[0];
        bool pathStyle = serviceUri.IsLoopback || serviceUri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        return pathStyle && firstSegment.Length > 0 ? firstSegment : serviceUri.Host.Split('.')[0];
    }

    // Never echo a whole part back: it could be the key.
    private static string Describe(string part) => part.Length <= 12 ? part : part[..12] + "…";
}
