namespace Hotline.Intake;

/// <summary>What the caller sent, as text, before validation. JSON and form posts both land here.</summary>
public sealed record SubmissionFields
{
    public const string DescriptionField = "description";
    public const string PhoneField = "phone";
    public const string NameField = "name";
    public const string RegionField = "region";
    public const string CategoryField = "category";
    public const string EmployerField = "employer";
    public const string AffectedCountField = "affectedCount";
    public const string LanguageField = "language";
    public const string ConsentField = "consent";

    public string? Description { get; init; }
    public string? Phone { get; init; }
    public string? Name { get; init; }
    public string? Region { get; init; }
    public string? Category { get; init; }
    public string? Employer { get; init; }
    public string? AffectedCount { get; init; }
    public string? Language { get; init; }
    public string? Consent { get; init; }

    /// <summary>Fields whose JSON value had the wrong type (an object where text was expected, …).</summary>
    public IReadOnlyDictionary<string, string> TypeErrors { get; init; } = new Dictionary<string, string>();
}
