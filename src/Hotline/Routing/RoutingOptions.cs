namespace Hotline.Routing;

public sealed class RoutingOptions
{
    public const string Section = "Hotline:Routing";

    /// <summary>A directory document on disk; empty means the demo directory built from the seed reports.</summary>
    public string? DirectoryPath { get; set; }

    /// <summary>Where a case with an unknown or missing region goes; the root unit when empty.</summary>
    public string? DefaultUnitId { get; set; }
}
