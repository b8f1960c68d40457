using System.Globalization;
using Hotline.Cases;
using Hotline.Routing.Directory;

namespace Hotline.Ledger;

/// <summary>
/// What <c>GET /api/admin/ledger.csv?from=&amp;to=&amp;unit=</c> asks for: the China days of receipt, both ends included,
/// and the unit with its sub-units (none: every case, routed or not).
/// </summary>
public sealed record LedgerQuery(DateOnly From, DateOnly To, string? UnitId, IReadOnlySet<string>? Units)
{
    /// <summary>Without <c>from</c>, the 30 days that end with <c>to</c> (today, China time, without it).</summary>
    public const int DefaultDays = 30;

    /// <summary>A year and a day at most: the ledger of a year (a leap year included) in one file.</summary>
    public const int MaxDays = 366;

    public bool Includes(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Units is null || (record.UnitId is { } unitId && Units.Contains(unitId));
    }

    /// <summary>The query, or the problems that make it a 400 (each parameter named).</summary>
    public static (LedgerQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, UnionDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(directory);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(ChinaTime.ToChina(now).DateTime);
        var to = Date(query, "to", errors) ?? today;
        var from = Date(query, "from", errors) ?? to.AddDays(1 - DefaultDays);
        if (errors.Count == 0)
        {
            if (from > to)
            {
                errors["from"] = [$"'from' ({Text(from)}) is after 'to' ({Text(to)})."];
            }
            else if (to.DayNumber - from.DayNumber + 1 > MaxDays)
            {
                errors["to"] = [$"The range is {to.DayNumber - from.DayNumber + 1} days; at most {MaxDays} days fit in one ledger."];
            }
        }

        string? unitId = null;
        IReadOnlySet<string>? units = null;
        if (Single(query, "unit", errors) is { Length: > 0 } given)
        {
            if (directory.FindUnit(given) is null)
            {
                errors["unit"] = [$"The directory has no unit '{Truncate(given)}'."];
            }
            else
            {
                unitId = given;
                units = directory.SelfAndDescendants(given).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
            }
        }

        return errors.Count > 0 ? (null, errors) : (new LedgerQuery(from, to, unitId, units), errors);
    }

    private static DateOnly? Date(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Single(query, name, errors) is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[name] = [$"'{Truncate(text)}' is not a date as yyyy-MM-dd (China time)."];
        return null;
    }

    private static string? Single(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            errors[name] = [$"'{name}' is given {values.Count} times; give it once."];
            return null;
        }

        return values.Count == 1 ? values[0]?.Trim() : null;
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
