using System.ComponentModel.DataAnnotations;

namespace Hotline.Routing;

public sealed class RoutingOptions
{
    public const string Section = "Hotline:Routing";

    /// <summary>A directory document on disk; empty means the demo directory built from the seed reports.</summary>
    public string? DirectoryPath { get; set; }

    /// <summary>
    /// Where a case goes that no rule or unit covers (no region, another province): a unit an admin chose, so such
    /// cases never land silently on whichever root the directory happens to list first. Required at start.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string? DefaultUnitId { get; set; }
}
