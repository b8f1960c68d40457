using Azure.Data.Tables;
using Xunit;

namespace Hotline.Testing;

/// <summary>
/// The Table service's entity limits, which Azurite does not enforce (it takes 300 properties, for one): a test of a
/// large record asserts them itself.
/// https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-limitations
/// </summary>
public static class TableServiceLimits
{
    /// <summary>255 including PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxCustomProperties = 252;

    /// <summary>A string property holds at most 64 KiB of UTF-16: 32 K characters.</summary>
    public const int MaxStringChars = 32 * 1024;

    public const int MaxBinaryBytes = 64 * 1024;

    public const long MaxEntityBytes = 1024 * 1024;

    /// <summary>1 KiB of UTF-16 per key.</summary>
    public const int MaxKeyChars = 512;

    public const int MaxTransactionActions = 100;

    public const long MaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The documented size estimate: 4 + 2·len(PK + RK) + Σ (8 + 2·len(name) + value), a string being 2·len + 4.
    /// https://learn.microsoft.com/azure/storage/tables/table-storage-design-guidelines#entity-size
    /// </summary>
    public static long EstimatedSize(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        long size = 4 + (2L * (entity.PartitionKey.Length + entity.RowKey.Length));
        foreach (var (name, value) in CustomProperties(entity))
        {
            size += 8 + (2L * name.Length) + value switch
            {
                string s => (2L * s.Length) + 4,
                byte[] b => b.Length + 4L,
                BinaryData b => b.ToMemory().Length + 4L,
                bool => 1,
                int => 4,
                Guid => 16,
                _ => 8,
            };
        }

        return size;
    }

    /// <summary>Fails unless the entity fits every per-entity limit of the service.</summary>
    public static void AssertWithin(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var where = $"entity ({entity.PartitionKey}, {entity.RowKey})";
        Assert.True(entity.PartitionKey.Length <= MaxKeyChars, $"{where}: PartitionKey has {entity.PartitionKey.Length} characters");
        Assert.True(entity.RowKey.Length <= MaxKeyChars, $"{where}: RowKey has {entity.RowKey.Length} characters");
        var properties = CustomProperties(entity).ToList();
        Assert.True(properties.Count <= MaxCustomProperties, $"{where}: {properties.Count} properties");
        foreach (var (name, value) in properties)
        {
            if (value is string s)
            {
                Assert.True(s.Length <= MaxStringChars, $"{where}: '{name}' has {s.Length} characters");
            }
            else if (value is byte[] b)
            {
                Assert.True(b.Length <= MaxBinaryBytes, $"{where}: '{name}' has {b.Length} bytes");
            }
        }

        var size = EstimatedSize(entity);
        Assert.True(size <= MaxEntityBytes, $"{where}: about {size} bytes");
    }

    private static IEnumerable<KeyValuePair<string, object>> CustomProperties(TableEntity entity) =>
        entity.Where(p => p.Value is not null && p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"));
}
