using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Hotline.Storage.Http;

namespace Hotline.Storage.Tables;

/// <summary>
/// One table, over the Table service REST API (JSON, SharedKeyLite or Entra ID).
/// https://learn.microsoft.com/rest/api/storageservices/table-service-rest-api
/// </summary>
public sealed class TableClient
{
    private const string MinimalMetadata = "application/json;odata=minimalmetadata";

    private readonly StoragePipeline pipeline;
    private readonly string endpoint;
    private readonly string tableUri;

    internal TableClient(string name, Uri tableEndpoint, StoragePipeline pipeline)
    {
        ValidateName(name);
        Name = name;
        endpoint = tableEndpoint.AbsoluteUri.TrimEnd('/');
        tableUri = endpoint + "/" + name;
        this.pipeline = pipeline;
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Post, endpoint + "/Tables", 201, 204, 409);
        SetJsonContent(message, EntityJson.WriteTableName(Name));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (201 or 204 or 409))
        {
            throw StorageErrors.FromResponse(response, $"Creating table '{Name}'");
        }
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Delete, $"{endpoint}/Tables('{Name}')", 204, 404);
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (204 or 404))
        {
            throw StorageErrors.FromResponse(response, $"Deleting table '{Name}'");
        }
    }

    /// <summary>Reads one entity; null when it does not exist (a missing table is still an error).</summary>
    public async Task<TableEntity?> GetEntityIfExistsAsync(
        string partitionKey,
        string rowKey,
        IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default)
    {
        EntityLimits.CheckKeys(partitionKey, rowKey);
        using HttpMessage message = CreateMessage(RequestMethod.Get, EntityUri(partitionKey, rowKey), 200, 404);
        if (select is not null)
        {
            message.Request.Uri.AppendQuery("$select", string.Join(',', select));
        }

        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404 && !IsTableNotFound(response))
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw StorageErrors.FromResponse(response, $"Reading entity ({partitionKey}, {rowKey}) from table '{Name}'");
        }

        using JsonDocument json = JsonDocument.Parse(response.Content.ToMemory());
        return EntityJson.Read(json.RootElement, ETagHeader(response));
    }

    /// <summary>Inserts a new entity; an existing one fails with <see cref="StorageErrorKind.Conflict"/>.</summary>
    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        EntityLimits.Check(entity);
        using HttpMessage message = CreateMessage(RequestMethod.Post, tableUri, 201, 204);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, EntityJson.Write(entity));
        return await SendWriteAsync(message, $"Adding entity ({entity.PartitionKey}, {entity.RowKey}) to table '{Name}'", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Inserts or merges/replaces, whatever the stored version (no If-Match makes PUT/PATCH an upsert).</summary>
    public async Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        EntityLimits.Check(entity);
        using HttpMessage message = CreateMessage(Method(mode), EntityUri(entity.PartitionKey, entity.RowKey), 204);
        SetJsonContent(message, EntityJson.Write(entity));
        return await SendWriteAsync(message, $"Upserting entity ({entity.PartitionKey}, {entity.RowKey}) in table '{Name}'", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Updates an existing entity if its version still matches <paramref name="ifMatch"/> (<see cref="ETag.All"/>: any);
    /// a stale ETag fails with <see cref="StorageErrorKind.PreconditionFailed"/>, a missing entity with NotFound.
    /// </summary>
    public async Task<ETag> UpdateEntityAsync(
        TableEntity entity,
        ETag ifMatch,
        TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default)
    {
        EntityLimits.Check(entity);
        using HttpMessage message = CreateMessage(Method(mode), EntityUri(entity.PartitionKey, entity.RowKey), 204);
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch.IfMatch);
        SetJsonContent(message, EntityJson.Write(entity));
        return await SendWriteAsync(message, $"Updating entity ({entity.PartitionKey}, {entity.RowKey}) in table '{Name}'", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Deletes an entity if its version matches (default: any). A missing entity is not an error.</summary>
    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        EntityLimits.CheckKeys(partitionKey, rowKey);
        using HttpMessage message = CreateMessage(RequestMethod.Delete, EntityUri(partitionKey, rowKey), 204, 404);
        // Always sent: the service answers a DELETE without If-Match with 400.
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch.IfMatch);
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 204 || (response.Status == 404 && !IsTableNotFound(response)))
        {
            return;
        }

        throw StorageErrors.FromResponse(response, $"Deleting entity ({partitionKey}, {rowKey}) from table '{Name}'");
    }

    /// <summary>
    /// Streams the entities matching <paramref name="filter"/> (build it with <see cref="TableFilter.Create"/>),
    /// page by page (at most 1000, or <paramref name="maxPerPage"/>), following continuation tokens.
    /// </summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(
        string? filter = null,
        IEnumerable<string>? select = null,
        int? maxPerPage = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (maxPerPage is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "A page holds 1 to 1000 entities.");
        }

        string? selectList = select is null ? null : string.Join(',', select);
        string? nextPartitionKey = null;
        string? nextRowKey = null;
        do
        {
            List<TableEntity> page;
            using (HttpMessage message = CreateMessage(RequestMethod.Get, tableUri + "()", 200))
            {
                RequestUriBuilder uri = message.Request.Uri;
                if (filter is not null)
                {
                    uri.AppendQuery("$filter", filter);
                }

                if (selectList is not null)
                {
                    uri.AppendQuery("$select", selectList);
                }

                if (maxPerPage is { } top)
                {
                    uri.AppendQuery("$top", top.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                // https://learn.microsoft.com/rest/api/storageservices/query-timeout-and-pagination
                if (nextPartitionKey is not null)
                {
                    uri.AppendQuery("NextPartitionKey", nextPartitionKey);
                }

                if (nextRowKey is not null)
                {
                    uri.AppendQuery("NextRowKey", nextRowKey);
                }

                Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
                if (response.Status != 200)
                {
                    throw StorageErrors.FromResponse(response, $"Querying table '{Name}'");
                }

                using JsonDocument json = JsonDocument.Parse(response.Content.ToMemory());
                page = json.RootElement.GetProperty("value").EnumerateArray().Select(e => EntityJson.Read(e, etagHeader: null)).ToList();

                // The service may answer an empty page that still has a token: stop only when both are absent.
                nextPartitionKey = response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out string? pk) ? pk : null;
                nextRowKey = response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out string? rk) ? rk : null;
            }

            foreach (TableEntity entity in page)
            {
                yield return entity;
            }
        }
        while (nextPartitionKey is not null || nextRowKey is not null);
    }

    /// <summary>
    /// Applies up to 100 actions on one partition atomically. Returns each action's new ETag (null for deletes).
    /// A failure throws <see cref="TableTransactionFailedException"/> naming the failing action; nothing was applied.
    /// </summary>
    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        List<TableTransactionAction> list = actions.ToList();
        if (list.Any(a => a is null || a.Entity is null))
        {
            throw new ArgumentException("The transaction has a null action or entity.", nameof(actions));
        }

        TableBatch.Validate(list);
        string batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        string changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D");
        byte[] body = TableBatch.Build(list, tableUri, EntityUri, batchBoundary, changesetBoundary);
        if (body.Length > TableBatch.MaxBodyBytes)
        {
            throw new StorageRequestFailedException(413, "RequestBodyTooLarge",
                $"The transaction on table '{Name}' is {body.Length} bytes; the service allows {TableBatch.MaxBodyBytes} (checked before sending).");
        }

        using HttpMessage message = CreateMessage(RequestMethod.Post, endpoint + "/$batch", 202);
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 202)
        {
            throw StorageErrors.FromResponse(response, $"Submitting a transaction on table '{Name}'");
        }

        return TableBatch.ParseResponse(response.Content.ToString(), list, Name);
    }

    /// <summary>
    /// Table names: 3–63 letters and digits, starting with a letter; "tables" is reserved.
    /// https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#table-names
    /// </summary>
    internal static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool valid = name.Length is >= 3 and <= 63
            && char.IsAsciiLetter(name[0])
            && name.All(char.IsAsciiLetterOrDigit)
            && !string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            throw new ArgumentException($"'{name}' is not a valid table name: use 3-63 letters and digits, starting with a letter.", nameof(name));
        }
    }

    /// <summary>/table(PartitionKey='…',RowKey='…'): quotes doubled, then percent-encoded.</summary>
    internal string EntityUri(string partitionKey, string rowKey) =>
        $"{tableUri}(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";

    private static string Escape(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static RequestMethod Method(TableUpdateMode mode) => mode switch
    {
        TableUpdateMode.Merge => RequestMethod.Patch,
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
    };

    private static bool IsTableNotFound(Response response) =>
        (response.Headers.TryGetValue("x-ms-error-code", out string? code) ? code : StorageErrors.ParseBody(response).Code) == "TableNotFound";

    /// <summary>The ETag header exactly as sent (Azure.Core's parsed ETag could normalize it).</summary>
    private static string? ETagHeader(Response response) =>
        response.Headers.TryGetValue("ETag", out string? etag) ? etag : null;

    private static void SetJsonContent(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    private HttpMessage CreateMessage(RequestMethod method, string uri, params ReadOnlySpan<ushort> expected)
    {
        HttpMessage message = pipeline.CreateMessage(method, new Uri(uri), expected);
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, MinimalMetadata);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private async Task<ETag> SendWriteAsync(HttpMessage message, string operation, CancellationToken cancellationToken)
    {
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (201 or 204))
        {
            throw StorageErrors.FromResponse(response, operation);
        }

        return ETagHeader(response) is { } etag
            ? new ETag(etag)
            : throw new FormatException($"{operation}: the answer has no ETag header.");
    }
}
