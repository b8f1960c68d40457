namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>A folder of its own for one test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static TempDirectory Create()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hotline-localhost-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new TempDirectory(path);
    }

    public void WriteFile(string name, string content) => File.WriteAllText(System.IO.Path.Combine(Path, name), content);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
