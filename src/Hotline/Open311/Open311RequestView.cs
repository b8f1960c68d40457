using System.Globalization;
using Hotline.Cases;

namespace Hotline.Open311;

/// <summary>
/// A case as an Open311 request. The standard knows only open and closed: every step before closing is open,
/// resolved included (the caller may still say it is not fixed, and the case is reopened), with the step in
/// status_notes.
/// </summary>
public static class Open311RequestView
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static string StatusOf(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status == CaseStatus.Closed ? Closed : Open;
    }

    public static Open311ServiceRequest From(CaseRecord record, bool english)
    {
        ArgumentNullException.ThrowIfNull(record);
        var updated = record.Status == CaseStatus.Closed && record.ClosedAt is { } closed
            ? closed
            : new[] { record.ReceivedAt, record.AssignedAt, record.AcknowledgedAt, record.ResolvedAt, record.ClosedAt }
                .Where(t => t is not null).Max(t => t!.Value);
        return new Open311ServiceRequest(
            record.TicketId,
            StatusOf(record),
            Notes(record, english),
            Open311Catalog.Name(record.Category, english),
            record.Category,
            Description: null,
            record.UnitName,
            W3c(record.ReceivedAt),
            W3c(updated),
            ExpectedAt(record) is { } expected ? W3c(expected) : null,
            record.Region);
    }

    /// <summary>expected_datetime: when the case must be resolved (办结), as its unit was told.</summary>
    private static DateTimeOffset? ExpectedAt(CaseRecord record) => record.ResolutionDueAt;

    /// <summary>W3C date-time with its offset, in China time: what officers and callers read.</summary>
    public static string W3c(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Notes(CaseRecord r, bool english) => r.Status switch
    {
        CaseStatus.Received => english ? "Received; being assigned to a union unit." : "已受理，正在分派承办单位。",
        CaseStatus.Assigned => english ? "Assigned to the responsible unit." : "已分派至承办单位。",
        CaseStatus.Acknowledged => english ? "The unit has taken the case and is working on it." : "承办单位已签收，正在办理。",
        CaseStatus.Resolved => english ? "Resolved by the unit; awaiting the caller's confirmation." : "承办单位已办结，待回访确认。",
        CaseStatus.Closed => english ? "Closed." : "已结案。",
        _ => english ? "In progress." : "办理中。",
    };
}
