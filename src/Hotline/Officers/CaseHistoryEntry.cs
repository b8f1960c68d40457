using Hotline.Cases;

namespace Hotline.Officers;

/// <summary>One line of the audit trail: when, who, what, from which status to which, why.</summary>
public sealed record CaseHistoryEntry(DateTimeOffset At, string Actor, string Action, string? From, string? To, string? Reason)
{
    public static CaseHistoryEntry Of(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.At, entry.Actor, entry.Action, entry.FromStatus, entry.ToStatus, entry.Reason);
    }
}
