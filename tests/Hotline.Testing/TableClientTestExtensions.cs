using Azure.Data.Tables;

namespace Hotline.Testing;

/// <summary>Short reads for assertions.</summary>
public static class TableClientTestExtensions
{
    /// <summary>The entity, or null when there is none.</summary>
    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(table);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Every entity matching <paramref name="filter"/> (all of them without one), every page read.</summary>
    public static async Task<List<TableEntity>> RowsAsync(this TableClient table, string? filter = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
