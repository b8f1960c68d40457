using System.Globalization;
using Hotline.Cases;

namespace Hotline.Reports;

/// <summary>A unit's China day: where a case's counts land. <see cref="NoUnit"/> stands for a case not yet routed.</summary>
public readonly record struct UnitDay(string UnitId, DateOnly Day)
{
    /// <summary>Not a directory id (those are letters, digits, '-', '_' and '.'), so no unit can be mistaken for it.</summary>
    public const string NoUnit = "~none";

    private const string DayFormat = "yyyyMMdd";

    public static DateOnly ChinaDay(DateTimeOffset instant) => DateOnly.FromDateTime(ChinaTime.ToChina(instant).DateTime);

    public static string DayKey(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static DateOnly? ParseDayKey(string key) =>
        DateOnly.TryParseExact(key, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>"unit:yyyyMMdd", as a case's list of where it counted holds it.</summary>
    public override string ToString() => UnitId + ":" + DayKey(Day);

    public static UnitDay? Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && ParseDayKey(text[(colon + 1)..]) is { } day ? new UnitDay(text[..colon], day) : null;
    }
}
