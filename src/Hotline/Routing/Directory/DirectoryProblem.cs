namespace Hotline.Routing.Directory;

/// <summary>One problem found in a directory document.</summary>
/// <param name="Path">A JSON pointer into the document, e.g. "/officers/3/phone".</param>
public sealed record DirectoryProblem(string Path, string Message, ProblemSeverity Severity)
{
    public bool IsError => Severity == ProblemSeverity.Error;

    public override string ToString() => $"{Severity} {Path}: {Message}";
}
