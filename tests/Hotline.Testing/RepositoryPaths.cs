namespace Hotline.Testing;

/// <summary>Where the repository is, found from the test assembly upwards (the folder holding Hotline.sln).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string NodeModules => Path.Combine(Root, "node_modules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Hotline.sln above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    }
}
