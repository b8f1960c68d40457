using Hotline.Cases;

namespace Hotline.Officers;

/// <summary>The result of an officer's action: the case as it now stands, or why nothing changed.</summary>
public sealed record CaseActionOutcome(CaseActionStatus Status, CaseRecord? Case, string? Detail)
{
    public bool IsDone => Status == CaseActionStatus.Done;

    public static CaseActionOutcome Done(CaseRecord record) => new(CaseActionStatus.Done, record, null);

    public static CaseActionOutcome NotFound() => new(CaseActionStatus.NotFound, null, "No case with this ticket id.");

    public static CaseActionOutcome Forbidden() =>
        new(CaseActionStatus.Forbidden, null, "An officer acts only on cases assigned to them; a unit head on any case of the unit.");

    public static CaseActionOutcome Conflict(string detail) => new(CaseActionStatus.Conflict, null, detail);

    public static CaseActionOutcome Invalid(string detail) => new(CaseActionStatus.Invalid, null, detail);
}
