namespace Hotline.Routing.Directory;

/// <summary>Every problem of a document, in document order: units, then officers, then rules.</summary>
public sealed record DirectoryValidationResult(IReadOnlyList<DirectoryProblem> Problems)
{
    public bool IsValid => !Problems.Any(p => p.IsError);

    public IEnumerable<DirectoryProblem> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<DirectoryProblem> Warnings => Problems.Where(p => !p.IsError);
}
