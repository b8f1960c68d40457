using System.Text;
using System.Text.Json;
using Hotline.Routing.Directory;
using Microsoft.Extensions.Options;

namespace Hotline.Routing;

/// <summary>
/// Holds the directory in use: the one an admin stored last, else the configured file, else the demo directory built
/// from the seed reports. The whole <see cref="UnionDirectory"/> is swapped in one reference write, so a case being
/// routed sees the old directory or the new one, never a mix. Other instances pick up a new version within
/// <see cref="RefreshInterval"/>.
/// </summary>
public sealed partial class DirectoryProvider : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);
    private const string DemoResource = "Hotline.Routing.demo-directory.json";

    private readonly DirectoryStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectoryProvider> _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot _snapshot;

    private sealed record Snapshot(UnionDirectory Directory, long Version, DateTimeOffset CheckedAt);

    public DirectoryProvider(IOptions<RoutingOptions> options, DirectoryStore store, TimeProvider time, ILogger<DirectoryProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _logger = logger;
        _snapshot = new Snapshot(LoadFallback(options.Value.DirectoryPath), 0, DateTimeOffset.MinValue);
    }

    /// <summary>The directory as last seen; for pages, where a few seconds' lag does not matter.</summary>
    public UnionDirectory Current => Volatile.Read(ref _snapshot).Directory;

    /// <summary>The directory in use, checking the store when the last check is older than <see cref="RefreshInterval"/>.</summary>
    public async Task<UnionDirectory> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (_time.GetUtcNow() - snapshot.CheckedAt < RefreshInterval)
        {
            return snapshot.Directory;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            snapshot = Volatile.Read(ref _snapshot);
            var now = _time.GetUtcNow();
            if (now - snapshot.CheckedAt < RefreshInterval)
            {
                return snapshot.Directory;
            }

            var pointer = await _store.GetPointerAsync(cancellationToken);
            var directory = snapshot.Directory;
            var version = snapshot.Version;
            if (pointer is not null && pointer.Version != snapshot.Version)
            {
                if (await _store.GetDocumentAsync(pointer, cancellationToken) is { } json && TryParse(json, out var stored))
                {
                    (directory, version) = (stored, pointer.Version);
                    LogLoaded(_logger, pointer.Version, directory.Units.Count, directory.Officers.Count);
                }
                else
                {
                    // Keep routing with the directory we have rather than failing every case until someone notices.
                    LogUnreadable(_logger, pointer.Version);
                }
            }

            Volatile.Write(ref _snapshot, new Snapshot(directory, version, now));
            return directory;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Stores a checked document and makes it the one in use here at once.</summary>
    public async Task<DirectoryStore.StoredVersion> ReplaceAsync(UnionDirectory directory, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var pointer = await _store.SaveAsync(json, cancellationToken);
            Volatile.Write(ref _snapshot, new Snapshot(directory, pointer.Version, _time.GetUtcNow()));
            return pointer;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private static bool TryParse(string json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UnionDirectory? directory)
    {
        try
        {
            directory = Parse(json);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidDirectoryException)
        {
            directory = null;
            return false;
        }
    }

    public static UnionDirectory Parse(string json)
    {
        var document = JsonSerializer.Deserialize(json, DirectoryJsonContext.Default.DirectoryDocument)
            ?? throw new InvalidDirectoryException("The directory document is empty.");
        return UnionDirectory.Create(document);
    }

    private static UnionDirectory LoadFallback(string? path)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            return Parse(File.ReadAllText(path, Encoding.UTF8));
        }

        using var demo = typeof(DirectoryProvider).Assembly.GetManifestResourceStream(DemoResource)
            ?? throw new InvalidOperationException($"The demo directory resource {DemoResource} is missing from the build.");
        using var reader = new StreamReader(demo, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Directory version {Version} could not be read back; the directory in use stays")]
    private static partial void LogUnreadable(ILogger logger, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory version {Version} in use: {Units} units, {Officers} officers")]
    private static partial void LogLoaded(ILogger logger, long version, int units, int officers);
}
