namespace Hotline.Cases;

/// <summary>The case changed since it was read; the caller re-reads and decides again.</summary>
public sealed class CaseConcurrencyException(string ticketId, Exception inner)
    : Exception($"Case {ticketId} was changed by someone else.", inner)
{
    public string TicketId { get; } = ticketId;
}
