using System.ComponentModel.DataAnnotations;

namespace Hotline.Classification;

/// <summary>How many affected workers make a case urgent or a major incident (重大事项).</summary>
public sealed class ClassificationOptions : IValidatableObject
{
    public const string Section = "Hotline:Classification";

    /// <summary>Workers affected, by the caller's count or the text's, that make a major incident.</summary>
    [Range(1, 1_000_000)]
    public int MajorIncidentAffectedCount { get; set; } = 30;

    /// <summary>Workers affected that make a case urgent.</summary>
    [Range(1, 1_000_000)]
    public int UrgentAffectedCount { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UrgentAffectedCount > MajorIncidentAffectedCount)
        {
            yield return new ValidationResult(
                $"{nameof(UrgentAffectedCount)} must not exceed {nameof(MajorIncidentAffectedCount)}.",
                [nameof(UrgentAffectedCount), nameof(MajorIncidentAffectedCount)]);
        }
    }
}
