namespace Hotline.Cases;

/// <summary>The case categories of the spec (code — meaning).</summary>
public static class CaseCategory
{
    public const string WageArrears = "wage_arrears";
    public const string LaborContract = "labor_contract";
    public const string SocialInsurance = "social_insurance";
    public const string WorkInjury = "work_injury";
    public const string WorkplaceSafety = "workplace_safety";
    public const string HardshipAid = "hardship_aid";
    public const string LegalAid = "legal_aid";
    public const string Employment = "employment";
    public const string UnionMembership = "union_membership";
    public const string Counseling = "counseling";
    public const string Suggestion = "suggestion";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
    [
        WageArrears, LaborContract, SocialInsurance, WorkInjury, WorkplaceSafety, HardshipAid,
        LegalAid, Employment, UnionMembership, Counseling, Suggestion, Other,
    ];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);
}
