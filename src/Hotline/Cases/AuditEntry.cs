namespace Hotline.Cases;

/// <summary>One line of a case's audit trail: when, who (caller, officer id, system), what, why.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? FromStatus, string? ToStatus, string? Reason)
{
    public const string SystemActor = "system";
    public const string CallerActor = "caller";

    public static string Officer(string officerId) => $"officer:{officerId}";
}
