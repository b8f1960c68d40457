using System.IO.MemoryMappedFiles;

namespace Hotline.Hosting;

/// <summary>
/// The app's clock in the local run with <c>Hotline:Clock:StartAt</c>: the real time plus how far the local host has
/// moved it. The host keeps that offset (a little-endian Int64 of ticks, the file's only 8 bytes) in a file both
/// processes map into memory, so every reading is current the moment the host's <c>POST /admin/clock</c> returns,
/// without a system call per reading. Timers and timestamps stay real: only "now" is moved.
/// </summary>
internal sealed class LocalRunClock : TimeProvider, IDisposable
{
    /// <summary>The environment variable through which the local host names the file; Azure never sets it.</summary>
    public const string FileVariable = "HOTLINE_LOCALHOST_CLOCK_FILE";

    private const int Length = sizeof(long);

    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor offset;

    private LocalRunClock(MemoryMappedFile file, MemoryMappedViewAccessor offset)
    {
        this.file = file;
        this.offset = offset;
    }

    public static LocalRunClock Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        // The host writes the file while this process reads it, and deletes it when it stops.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length != Length)
        {
            stream.Dispose();
            throw new InvalidOperationException($"{FileVariable} names '{path}', which is not the local host's clock file ({Length} bytes).");
        }

        MemoryMappedFile mapped = MemoryMappedFile.CreateFromFile(stream, mapName: null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        return new LocalRunClock(mapped, mapped.CreateViewAccessor(0, Length, MemoryMappedFileAccess.Read));
    }

    /// <summary>The mapping starts on a page, so this is one aligned 8-byte load: never half of an old value and
    /// half of a new one.</summary>
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(offset.ReadInt64(0));

    public void Dispose()
    {
        offset.Dispose();
        file.Dispose();
    }
}
