using System.Globalization;
using System.Text.RegularExpressions;
using Hotline.Cases;

namespace Hotline.Open311;

/// <summary>
/// The filters of <c>GET requests</c>, checked. <c>service_request_id</c> (a comma list) overrides the rest;
/// otherwise the range is <c>start_date</c>..<c>end_date</c> (W3C date-times with a time zone, at most
/// <see cref="MaxSpan"/> apart; either alone extends <see cref="MaxSpan"/> from it, neither means the last
/// <see cref="MaxSpan"/>), narrowed by <c>service_code</c> and <c>status</c> (comma lists). At most
/// <see cref="Limit"/> requests are answered, newest first.
/// </summary>
public sealed partial record Open311RequestQuery(
    IReadOnlyList<string>? TicketIds,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlySet<string>? ServiceCodes,
    IReadOnlySet<string>? Statuses)
{
    /// <summary>The standard's default volume: 90 days or the first 1,000 requests, whichever is smaller.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    public const int Limit = 1000;

    public sealed record Result(Open311RequestQuery? Query, int ErrorStatus, Open311Error? Error);

    public static Result Parse(IQueryCollection query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);

        // "Optional" in the standard: an empty parameter is the same as an absent one.
        string? Get(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        if (Get("service_request_id") is { } ids)
        {
            // An id that cannot be ours is simply not found, as an unknown one is; ids past the limit are not read.
            var tickets = List(ids).Select(TicketId.Normalize).OfType<string>().Distinct(StringComparer.Ordinal).Take(Limit).ToList();
            return new Result(new Open311RequestQuery(tickets, default, default, null, null), 0, null);
        }

        HashSet<string>? codes = null;
        if (Get("service_code") is { } serviceCodes)
        {
            codes = [.. List(serviceCodes)];
            if (codes.FirstOrDefault(c => !Open311Catalog.IsService(c)) is { } unknown)
            {
                return Refused(StatusCodes.Status404NotFound, $"service_code {Quote(unknown)} was not found.");
            }
        }

        HashSet<string>? statuses = null;
        if (Get("status") is { } status)
        {
            statuses = [.. List(status).Select(s => s.ToLowerInvariant())];
            if (statuses.Any(s => s is not (Open311RequestView.Open or Open311RequestView.Closed)))
            {
                return Refused(StatusCodes.Status400BadRequest, "status must be open or closed (or both, comma separated).");
            }
        }

        if (!TryDate(Get("start_date"), "start_date", out var start, out var badStart))
        {
            return badStart!;
        }

        if (!TryDate(Get("end_date"), "end_date", out var end, out var badEnd))
        {
            return badEnd!;
        }

        var from = start ?? (end is { } e ? e - MaxSpan : now - MaxSpan);
        var to = end ?? (start is { } s ? s + MaxSpan : now);
        if (to < from)
        {
            return Refused(StatusCodes.Status400BadRequest, "end_date must not be before start_date.");
        }

        if (to - from > MaxSpan)
        {
            return Refused(StatusCodes.Status400BadRequest, "start_date and end_date may be at most 90 days apart.");
        }

        return new Result(new Open311RequestQuery(null, from, to, codes, statuses), 0, null);
    }

    public bool Matches(Open311ServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (ServiceCodes is null || ServiceCodes.Contains(request.ServiceCode)) && (Statuses is null || Statuses.Contains(request.Status));
    }

    /// <summary>The W3C profile of ISO 8601 as the standard asks: date and time, seconds optional, a zone required.</summary>
    public static bool TryParseW3c(string text, out DateTimeOffset instant)
    {
        instant = default;
        return W3cDateTime().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>An absent date is fine (null); a present one must be a W3C date-time with a zone.</summary>
    private static bool TryDate(string? text, string name, out DateTimeOffset? instant, out Result? error)
    {
        instant = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        if (TryParseW3c(text, out var parsed))
        {
            instant = parsed;
            return true;
        }

        error = Refused(StatusCodes.Status400BadRequest, $"{name} must be a W3C date-time with a time zone, such as 2026-11-23T08:00:00+08:00 or 2026-11-23T00:00:00Z.");
        return false;
    }

    private static string[] List(string value) => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Echoes a caller's value in an error, cut short so an answer never carries a long input back.</summary>
    private static string Quote(string value)
    {
        var shown = new string([.. value.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(40)]);
        return shown.Length < value.Length ? shown + "…" : shown;
    }

    private static Result Refused(int status, string description) => new(null, status, new Open311Error(status, description));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex W3cDateTime();
}
