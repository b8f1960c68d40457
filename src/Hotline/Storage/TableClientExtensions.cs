using Azure;
using Azure.Data.Tables;

namespace Hotline.Storage;

internal static class TableClientExtensions
{
    /// <summary>
    /// One entity, or null when there is none. A missing table also reads as null (the SDK does not tell them
    /// apart), which is why the tables are created at start.
    /// </summary>
    public static async Task<TableEntity?> GetEntityOrNullAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The new version from a write's answer (every successful entity write carries one).</summary>
    public static ETag NewETag(this Response response) =>
        response.Headers.ETag ?? throw new InvalidOperationException("The table service answered a write without an ETag.");
}
