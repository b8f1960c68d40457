namespace Hotline.Cases;

/// <summary>A case as stored: the report, where it stands, and who handles it.</summary>
public sealed record CaseRecord
{
    public required string TicketId { get; init; }
    /// <summary>Hashes of the tracking codes handed out for this case, space-separated (one more per merged report, at most <see cref="Cases.TrackingCode.KeptFirst"/> + <see cref="Cases.TrackingCode.KeptLatest"/>).</summary>
    public required string TrackingCodeHash { get; init; }
    public required string Status { get; init; }
    public required string Channel { get; init; }
    public required string Description { get; init; }
    public required string Language { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>E.164; needed to text the caller. Never logged whole.</summary>
    public string? Phone { get; init; }
    public string? Name { get; init; }
    public string? Region { get; init; }
    public string? Employer { get; init; }
    public int? AffectedCount { get; init; }

    /// <summary>The category the caller chose, or the classified one.</summary>
    public string Category { get; init; } = "other";
    public bool CategoryChosenByCaller { get; init; }
    public string Priority { get; init; } = CasePriority.Normal;

    public string? UnitId { get; init; }
    public string? UnitName { get; init; }
    public string? OfficerId { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public DateTimeOffset? AcknowledgementDueAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int ReopenCount { get; init; }

    /// <summary>Null (general), "difficult" or "very_complex", as the officer marked it; moves the resolution due time.</summary>
    public string? Complexity { get; init; }

    /// <summary>Counts the changes to the case; numbers its audit lines, so the trail keeps its order whatever the clock says.</summary>
    public int Revision { get; init; }

    /// <summary>The caller's answer to the callback survey (回访), 1–5; the latest one when a case was reopened and rated again.</summary>
    public int? Rating { get; init; }
    public DateTimeOffset? RatedAt { get; init; }
    /// <summary>When the case must be resolved (办结): its resolution window counted from the assignment (派单).</summary>
    public DateTimeOffset? ResolutionDueAt { get; init; }

    /// <summary>Transfers (转办) and merged repeat reports (并单) so far: counted by <see cref="CaseStore"/> from the audit lines it writes.</summary>
    public int TransferCount { get; init; }
    public int MergedCount { get; init; }

    /// <summary>When the retention timer removed the personal data (phone, name, employer, free text); null while it is kept.</summary>
    public DateTimeOffset? RedactedAt { get; init; }
}
