namespace Hotline.Storage.Tables;

/// <summary>
/// An entity's version as the service sent it (W/"datetime'…'"); opaque, sent back byte-for-byte in If-Match.
/// <c>default</c> and <see cref="All"/> both mean "any version" where an If-Match is optional.
/// </summary>
public readonly record struct ETag(string Value)
{
    public static ETag All => new("*");

    public override string ToString() => Value ?? string.Empty;

    /// <summary>The If-Match value: the ETag itself, or * for default.</summary>
    internal string IfMatch => string.IsNullOrEmpty(Value) ? "*" : Value;
}
