namespace Hotline.Routing.Directory;

/// <summary>Thrown by <see cref="UnionDirectory.Create"/> for a document with errors; carries all of them.</summary>
public sealed class InvalidDirectoryException : Exception
{
    public InvalidDirectoryException()
        : this([])
    {
    }

    public InvalidDirectoryException(string message)
        : base(message)
    {
        Problems = [];
    }

    public InvalidDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public InvalidDirectoryException(IReadOnlyList<DirectoryProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<DirectoryProblem> Problems { get; }

    private static string Describe(IReadOnlyList<DirectoryProblem> problems) =>
        "The directory document is invalid:" + string.Concat(problems.Where(p => p.IsError).Select(p => Environment.NewLine + "  " + p));
}
