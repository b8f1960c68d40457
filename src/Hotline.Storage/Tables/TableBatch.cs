using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hotline.Storage.Tables;

/// <summary>
/// The multipart/mixed body of an entity group transaction and the parsing of its answer.
/// https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions
/// </summary>
internal static class TableBatch
{
    public const int MaxActions = 100;

    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private const string Crlf = "\r\n";

    /// <summary>Checks the rules the service (but not Azurite) enforces: one partition, each row once, at most 100 actions.</summary>
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        }

        if (actions.Count > MaxActions)
        {
            throw new TableTransactionFailedException(400, "InvalidInput", MaxActions,
                $"A transaction holds at most {MaxActions} actions, not {actions.Count} (checked before sending).");
        }

        string partitionKey = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < actions.Count; i++)
        {
            TableTransactionAction action = actions[i];
            if (!Enum.IsDefined(action.Type))
            {
                throw new ArgumentException($"Action {i} has an unknown type {action.Type}.", nameof(actions));
            }

            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new TableTransactionFailedException(400, "CommandsInBatchActOnDifferentPartitions", i,
                    $"Action {i} is in partition '{action.Entity.PartitionKey}', not '{partitionKey}': a transaction covers one partition (checked before sending).");
            }

            if (!rows.Add(action.Entity.RowKey))
            {
                throw new TableTransactionFailedException(400, "InvalidDuplicateRow", i,
                    $"Action {i} touches row '{action.Entity.RowKey}' again: a transaction may touch each entity once (checked before sending).");
            }

            try
            {
                if (action.Type == TableTransactionActionType.Delete)
                {
                    EntityLimits.CheckKeys(action.Entity.PartitionKey, action.Entity.RowKey);
                }
                else
                {
                    EntityLimits.Check(action.Entity);
                }
            }
            catch (StorageRequestFailedException e)
            {
                throw new TableTransactionFailedException(e.Status, e.ErrorCode, i, $"Action {i}: {e.Message}");
            }
        }
    }

    /// <summary>
    /// One changeset holding every action; inner request lines use absolute URLs. Delete and the conditional updates
    /// always carry If-Match (the service rejects a DELETE without it outside a batch; Azurite is lenient inside).
    /// </summary>
    public static byte[] Build(
        IReadOnlyList<TableTransactionAction> actions,
        string tableUri,
        Func<string, string, string> entityUri,
        string batchBoundary,
        string changesetBoundary)
    {
        var sb = new StringBuilder();
        sb.Append("--").Append(batchBoundary).Append(Crlf)
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append(Crlf).Append(Crlf);

        foreach (TableTransactionAction action in actions)
        {
            TableEntity entity = action.Entity;
            (string method, string url, string? ifMatch, bool body) = action.Type switch
            {
                TableTransactionActionType.Add => ("POST", tableUri, null, true),
                TableTransactionActionType.UpsertMerge => ("PATCH", entityUri(entity.PartitionKey, entity.RowKey), null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUri(entity.PartitionKey, entity.RowKey), null, true),
                TableTransactionActionType.UpdateMerge => ("PATCH", entityUri(entity.PartitionKey, entity.RowKey), action.IfMatch.IfMatch, true),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUri(entity.PartitionKey, entity.RowKey), action.IfMatch.IfMatch, true),
                TableTransactionActionType.Delete => ("DELETE", entityUri(entity.PartitionKey, entity.RowKey), action.IfMatch.IfMatch, false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.Type, "Unknown action type."),
            };

            sb.Append("--").Append(changesetBoundary).Append(Crlf)
                .Append("Content-Type: application/http").Append(Crlf)
                .Append("Content-Transfer-Encoding: binary").Append(Crlf).Append(Crlf)
                .Append(method).Append(' ').Append(url).Append(" HTTP/1.1").Append(Crlf)
                .Append("Accept: application/json;odata=minimalmetadata").Append(Crlf)
                .Append("DataServiceVersion: 3.0;").Append(Crlf);
            if (ifMatch is not null)
            {
                sb.Append("If-Match: ").Append(ifMatch).Append(Crlf);
            }

            if (body)
            {
                sb.Append("Prefer: return-no-content").Append(Crlf)
                    .Append("Content-Type: application/json").Append(Crlf).Append(Crlf)
                    .Append(Encoding.UTF8.GetString(EntityJson.Write(entity))).Append(Crlf);
            }
            else
            {
                sb.Append(Crlf);
            }
        }

        sb.Append("--").Append(changesetBoundary).Append("--").Append(Crlf)
            .Append("--").Append(batchBoundary).Append("--").Append(Crlf);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>
    /// Reads the per-action results. The envelope is 202 even when the transaction failed: then it holds a single
    /// part with the failing status, whose message starts with the 0-based index ("2:…") and whose Content-ID
    /// (1-based) may also name it. Parsing goes by status lines rather than boundaries, because Azurite puts stray
    /// boundary lines in some failure answers.
    /// </summary>
    public static IReadOnlyList<ETag?> ParseResponse(string body, IReadOnlyList<TableTransactionAction> actions, string tableName)
    {
        List<Part> parts = Parts(body);
        Part? failure = parts.FirstOrDefault(p => p.Status >= 300);
        if (failure is not null)
        {
            throw Failure(failure, tableName);
        }

        if (parts.Count != actions.Count)
        {
            throw new TableTransactionFailedException(202, null, -1,
                $"The transaction on table '{tableName}' answered {parts.Count} results for {actions.Count} actions.");
        }

        return parts
            .Select((part, i) => actions[i].Type == TableTransactionActionType.Delete
                ? (ETag?)null
                : part.Headers.TryGetValue("ETag", out string? etag) ? new ETag(etag) : null)
            .ToList();
    }

    private static TableTransactionFailedException Failure(Part part, string tableName)
    {
        string? code = part.Headers.GetValueOrDefault("x-ms-error-code");
        string? message = null;
        try
        {
            using var json = JsonDocument.Parse(part.Body);
            if (json.RootElement.TryGetProperty("odata.error", out JsonElement error))
            {
                code ??= error.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
                message = error.TryGetProperty("message", out JsonElement m) && m.TryGetProperty("value", out JsonElement v)
                    ? v.GetString()
                    : null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: report the status alone.
        }

        int index = -1;
        if (message is not null)
        {
            int colon = message.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int fromMessage))
            {
                index = fromMessage;
                message = message[(colon + 1)..];
            }
        }

        if (index < 0 && part.Headers.TryGetValue("Content-ID", out string? contentId)
            && int.TryParse(contentId, NumberStyles.None, CultureInfo.InvariantCulture, out int oneBased))
        {
            index = oneBased - 1;
        }

        string firstLine = message?.Split('\n', 2)[0].Trim() ?? string.Empty;
        return new TableTransactionFailedException(part.Status, string.IsNullOrEmpty(code) ? null : code, index,
            $"The transaction on table '{tableName}' failed at action {index}: {part.Status}" + (code is null ? string.Empty : $" ({code})") + $" {firstLine}".TrimEnd());
    }

    private static List<Part> Parts(string body)
    {
        var parts = new List<Part>();
        string[] lines = body.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (!line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            int status = int.Parse(line.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (i++; i < lines.Length && lines[i].TrimEnd('\r').Length > 0; i++)
            {
                string header = lines[i].TrimEnd('\r');
                int colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
                }
            }

            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Append(lines[i]).Append('\n');
            }

            i--;
            parts.Add(new Part(status, headers, content.ToString().Trim()));
        }

        return parts;
    }

    private sealed record Part(int Status, Dictionary<string, string> Headers, string Body);
}
