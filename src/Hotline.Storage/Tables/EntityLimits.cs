namespace Hotline.Storage.Tables;

/// <summary>
/// Limits the Table service enforces but Azurite does not (entity size, property count), and key rules that would
/// otherwise break the entity URL. Checked before sending so a bug shows up here rather than first in production.
/// https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model
/// </summary>
internal static class EntityLimits
{
    public const int MaxEntityBytes = 1024 * 1024;

    public const int MaxPropertyValueBytes = 64 * 1024;

    /// <summary>255 including PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxCustomProperties = 255 - 3;

    /// <summary>
    /// 1 KiB per key: 512 UTF-16 characters, which is also where Azurite stops.
    /// </summary>
    public const int MaxKeyLength = 512;

    public const int MaxPropertyNameLength = 255;

    public static void CheckKeys(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        CheckKey("PartitionKey", partitionKey);
        CheckKey("RowKey", rowKey);
    }

    public static void Check(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        CheckKeys(entity.PartitionKey, entity.RowKey);
        int count = entity.Count(p => p.Value is not null);
        if (count > MaxCustomProperties)
        {
            throw Invalid(400, "TooManyProperties", $"The entity has {count} properties; the service allows {MaxCustomProperties} besides PartitionKey, RowKey and Timestamp.");
        }

        long size = EstimatedSize(entity);
        if (size > MaxEntityBytes)
        {
            throw Invalid(400, "EntityTooLarge", $"The entity is about {size} bytes; the service allows {MaxEntityBytes}.");
        }

        foreach ((string name, object? value) in entity)
        {
            if (name.Length > MaxPropertyNameLength)
            {
                throw Invalid(400, "PropertyNameTooLong", $"Property name '{name[..20]}…' is longer than {MaxPropertyNameLength} characters.");
            }

            // Strings count as UTF-16: 32 Ki characters.
            long valueBytes = value switch
            {
                string s => s.Length * 2L,
                byte[] b => b.Length,
                _ => 0,
            };
            if (valueBytes > MaxPropertyValueBytes)
            {
                throw Invalid(400, "PropertyValueTooLarge", $"Property '{name}' is {valueBytes} bytes; the service allows {MaxPropertyValueBytes}.");
            }
        }
    }

    /// <summary>
    /// The documented estimate: 4 + 2·len(PK+RK) + Σ(8 + 2·len(name) + size of value).
    /// https://learn.microsoft.com/azure/storage/tables/table-storage-design-guidelines#entity-size (string: 2·len + 4; binary: len + 4)
    /// </summary>
    public static long EstimatedSize(TableEntity entity)
    {
        long size = 4 + (2L * (entity.PartitionKey.Length + entity.RowKey.Length));
        foreach ((string name, object? value) in entity)
        {
            if (value is null)
            {
                continue;
            }

            size += 8 + (2L * name.Length) + value switch
            {
                string s => (2L * s.Length) + 4,
                byte[] b => b.Length + 4L,
                bool => 1,
                int => 4,
                Guid => 16,
                _ => 8,
            };
        }

        return size;
    }

    /// <summary>Keys may not contain / \ # ? or control characters (U+0000-U+001F, U+007F-U+009F).</summary>
    private static void CheckKey(string name, string key)
    {
        if (key.Length > MaxKeyLength)
        {
            throw Invalid(400, "InvalidInput", $"The {name} is {key.Length} characters; the service allows {MaxKeyLength}.");
        }

        foreach (char c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw Invalid(400, "InvalidInput", $"The {name} contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c)}', which the Table service does not allow in keys.");
            }
        }
    }

    private static StorageRequestFailedException Invalid(int status, string code, string message) =>
        new(status, code, message + " (checked before sending)");
}
