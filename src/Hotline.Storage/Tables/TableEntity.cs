using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Hotline.Storage.Tables;

/// <summary>
/// A table entity: keys, version and a bag of typed properties. Property values are string, bool, int, long, double,
/// DateTimeOffset, Guid or byte[] (the Edm types of the Table service); null means "not stored".
/// The system properties (PartitionKey, RowKey, Timestamp, ETag) are members, not dictionary entries.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The agreed API name, as in Azure.Data.Tables.")]
public sealed class TableEntity : IDictionary<string, object?>
{
    private static readonly HashSet<string> SystemNames = new(StringComparer.Ordinal)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag", "odata.metadata", "odata.type", "odata.id", "odata.editLink",
    };

    private readonly Dictionary<string, object?> properties = new(StringComparer.Ordinal);

    public TableEntity()
        : this(string.Empty, string.Empty)
    {
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; set; }

    public string RowKey { get; set; }

    /// <summary>The version read from the service; not sent on writes (If-Match is passed explicitly).</summary>
    public ETag ETag { get; set; }

    /// <summary>Set by the service on every write; ignored on writes.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public int Count => properties.Count;

    public ICollection<string> Keys => properties.Keys;

    public ICollection<object?> Values => properties.Values;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    /// <summary>Gets a property (null when absent) or sets one (the type is checked).</summary>
    public object? this[string key]
    {
        get => properties.GetValueOrDefault(key);
        set => properties[CheckName(key)] = CheckValue(key, value);
    }

    public void Add(string key, object? value) => properties.Add(CheckName(key), CheckValue(key, value));

    public bool ContainsKey(string key) => properties.ContainsKey(key);

    public bool Remove(string key) => properties.Remove(key);

    public bool TryGetValue(string key, out object? value) => properties.TryGetValue(key, out value);

    public void Clear() => properties.Clear();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)properties).Contains(item);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)properties).Remove(item);

    public string? GetString(string name) => Get<string>(name);

    public bool? GetBoolean(string name) => GetValue<bool>(name);

    public int? GetInt32(string name) => GetValue<int>(name);

    /// <summary>Reads an Int64, or an Int32 widened (small numbers written untyped by other clients come back as Int32).</summary>
    public long? GetInt64(string name) => this[name] is int i ? i : GetValue<long>(name);

    /// <summary>Reads a Double, or a whole number widened (a plain JSON 2 written by another client comes back as Int32).</summary>
    public double? GetDouble(string name) => this[name] switch
    {
        int i => i,
        long l => l,
        _ => GetValue<double>(name),
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => GetValue<DateTimeOffset>(name);

    public Guid? GetGuid(string name) => GetValue<Guid>(name);

    public byte[]? GetBinary(string name) => Get<byte[]>(name);

    /// <summary>Sets a property without the public type check (used when reading from the service).</summary>
    internal void SetRaw(string name, object? value) => properties[name] = value;

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (SystemNames.Contains(name))
        {
            throw new ArgumentException($"'{name}' is a system property; use the {nameof(TableEntity)} member instead.", nameof(name));
        }

        return name;
    }

    private static object? CheckValue(string name, object? value) => value switch
    {
        null or string or bool or int or long or double or DateTimeOffset or Guid or byte[] => value,
        DateTime => throw new ArgumentException($"Property '{name}' is a DateTime; use DateTimeOffset so the time zone is explicit.", nameof(value)),
        _ => throw new ArgumentException(
            $"Property '{name}' is a {value.GetType().Name}; table properties are string, bool, int, long, double, DateTimeOffset, Guid or byte[].",
            nameof(value)),
    };

    private T? Get<T>(string name)
        where T : class => this[name] switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(name, typeof(T), other),
        };

    private T? GetValue<T>(string name)
        where T : struct => this[name] switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(name, typeof(T), other),
        };

    private static InvalidOperationException WrongType(string name, Type wanted, object actual) =>
        new($"Property '{name}' is a {actual.GetType().Name}, not a {wanted.Name}.");
}
