namespace Hotline.Officers;

/// <summary>A case's audit trail, oldest first.</summary>
public sealed record CaseHistory(string TicketId, string Status, IReadOnlyList<CaseHistoryEntry> Entries);
