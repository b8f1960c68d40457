using System.Text.Json;
using Hotline.Routing.Directory;
using Microsoft.Extensions.Options;

namespace Hotline.Routing;

/// <summary>
/// Holds the directory in use. The whole <see cref="UnionDirectory"/> is swapped in one reference write, so a case
/// being routed sees the old directory or the new one, never a mix.
/// </summary>
public sealed class DirectoryProvider
{
    private const string DemoResource = "Hotline.Routing.demo-directory.json";
    private UnionDirectory _current;

    public DirectoryProvider(IOptions<RoutingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _current = Load(options.Value.DirectoryPath);
    }

    public UnionDirectory Current => Volatile.Read(ref _current);

    public void Replace(UnionDirectory directory) => Volatile.Write(ref _current, directory ?? throw new ArgumentNullException(nameof(directory)));

    public static UnionDirectory Parse(Stream json)
    {
        var document = JsonSerializer.Deserialize(json, DirectoryJsonContext.Default.DirectoryDocument)
            ?? throw new InvalidDirectoryException("The directory document is empty.");
        return UnionDirectory.Create(document);
    }

    private static UnionDirectory Load(string? path)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            using var file = File.OpenRead(path);
            return Parse(file);
        }

        using var demo = typeof(DirectoryProvider).Assembly.GetManifestResourceStream(DemoResource)
            ?? throw new InvalidOperationException($"The demo directory resource {DemoResource} is missing from the build.");
        return Parse(demo);
    }
}
