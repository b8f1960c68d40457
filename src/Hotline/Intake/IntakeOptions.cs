using System.ComponentModel.DataAnnotations;

namespace Hotline.Intake;

public sealed class IntakeOptions
{
    public const string Section = "Hotline:Intake";

    /// <summary>Largest accepted request body; larger posts get 413.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 32 * 1024;

    [Range(100, 20_000)]
    public int MaxDescriptionLength { get; set; } = 4000;

    /// <summary>Submissions one source (client address) may make per window before getting 429.</summary>
    [Range(1, 10_000)]
    public int SubmissionsPerWindow { get; set; } = 10;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Status lookups one source may make per window: enough for a person, too few to guess tracking codes.</summary>
    [Range(1, 100_000)]
    public int StatusLookupsPerWindow { get; set; } = 60;
}
