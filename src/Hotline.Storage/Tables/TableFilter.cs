using System.Globalization;

namespace Hotline.Storage.Tables;

/// <summary>
/// Builds OData $filter expressions with the arguments escaped into literals, so values never change the query.
/// https://learn.microsoft.com/rest/api/storageservices/querying-tables-and-entities#supported-comparison-operators
/// </summary>
public static class TableFilter
{
    /// <summary>
    /// <c>TableFilter.Create($"PartitionKey eq {pk} and Count gt {5L}")</c> → <c>PartitionKey eq 'p''k' and Count gt 5L</c>.
    /// </summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        object?[] arguments = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    internal static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("A filter cannot compare with null: the Table service has no null literal."),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        // R keeps every digit; a whole number still needs ".0" to stay a Double literal.
        double d when double.IsFinite(d) => WithPoint(d.ToString("R", CultureInfo.InvariantCulture)),
        DateTimeOffset t => "datetime'" + EntityJson.FormatDateTime(t) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        ETag => throw new ArgumentException("An ETag is not a filter literal."),
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be a filter literal."),
    };

    private static string WithPoint(string number) =>
        number.Contains('.', StringComparison.Ordinal) || number.Contains('E', StringComparison.OrdinalIgnoreCase) ? number : number + ".0";
}
