namespace Hotline.Routing.Directory;

/// <summary>An error refuses the whole document; a warning is reported and the document is still loaded.</summary>
public enum ProblemSeverity
{
    Error,
    Warning,
}
