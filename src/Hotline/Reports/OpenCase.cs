namespace Hotline.Reports;

/// <summary>
/// A case a unit is handling (assigned or acknowledged), with the due times still ahead of it: what the overdue list
/// reads. <see cref="OverdueFrom"/> is the first of them, so one range query finds what is past due.
/// </summary>
public sealed record OpenCase(
    string TicketId,
    string UnitId,
    string? UnitName,
    string Status,
    string Category,
    string Priority,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AcknowledgementDueAt,
    DateTimeOffset? ResolutionDueAt,
    int Revision)
{
    public DateTimeOffset? OverdueFrom =>
        AcknowledgementDueAt is { } ack && (ResolutionDueAt is not { } res || ack <= res) ? ack : ResolutionDueAt;
}
