namespace Hotline.LocalHost;

/// <summary>The checkout root: the nearest folder upwards that holds Hotline.sln.</summary>
internal static class RepositoryRoot
{
    public const string SolutionFile = "Hotline.sln";

    public static string? Find(params string[] startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (string start in startDirectories)
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
