using System.Globalization;
using Hotline.Routing.Directory;

namespace Hotline.Reports;

/// <summary>
/// What a report covers: China days <see cref="From"/> to <see cref="To"/>, both included, and a unit with everything
/// below it (or, with none, every unit and the cases not yet routed). Without dates, the last 30 days up to today.
/// </summary>
public sealed record ReportQuery(DateOnly From, DateOnly To, string? UnitId)
{
    public const string FromField = "from";
    public const string ToField = "to";
    public const string UnitField = "unit";
    public const int DefaultDays = 30;

    /// <summary>A year and a day, so any calendar year (a leap one too) fits in one report.</summary>
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The query, or every problem with the fields by name.</summary>
    public static (ReportQuery? Query, Dictionary<string, string[]> Errors) Parse(string? from, string? to, string? unit, DateOnly today, UnionDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var toDay = Date(to, ToField, today, errors);
        var fromDay = Date(from, FromField, toDay.AddDays(1 - DefaultDays), errors);
        unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        if (unit is not null && directory.FindUnit(unit) is null)
        {
            errors[UnitField] = ["No unit with this id in the directory."];
        }

        if (errors.Count == 0 && fromDay > toDay)
        {
            errors[FromField] = ["The range is reversed: 'from' is after 'to'."];
        }
        else if (errors.Count == 0 && toDay.DayNumber - fromDay.DayNumber + 1 > MaxDays)
        {
            errors[ToField] = [string.Create(CultureInfo.InvariantCulture, $"The range is longer than {MaxDays} days.")];
        }

        return errors.Count == 0 ? (new ReportQuery(fromDay, toDay, unit), errors) : (null, errors);
    }

    private static DateOnly Date(string? text, string field, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = ["A date as yyyy-MM-dd (a China day) is required."];
        return fallback;
    }
}
