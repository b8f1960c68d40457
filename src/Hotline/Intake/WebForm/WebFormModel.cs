namespace Hotline.Intake.WebForm;

/// <summary>
/// Everything the report form shows: its language, the regions to offer and, when a form post was rejected, what the
/// caller typed and what was wrong with it (keyed by the <see cref="SubmissionFields"/> field names).
/// </summary>
public sealed record WebFormModel(string Language, IReadOnlyList<RegionOption> Regions)
{
    /// <summary>What the caller sent, shown again after a 400; null for a fresh form.</summary>
    public SubmissionFields? Values { get; init; }

    /// <summary>Problems per field name (<c>description</c>, <c>phone</c>, …); other keys are listed in the summary only.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The description limit the form announces and enforces (IntakeOptions.MaxDescriptionLength).</summary>
    public int DescriptionMaxLength { get; init; } = WebFormPage.DescriptionMaxLength;
}
