using Hotline.Hosting;
using System.IO.MemoryMappedFiles;
using Hotline.LocalHost.Configuration;

namespace Hotline.LocalHost.Clock;

/// <summary>
/// The local run's moved clock (the app setting <c>Hotline__Clock__StartAt</c>): it starts there, runs at real speed
/// and only moves forward. The host owns it: its timers follow it, and the worker reads the same offset from a file
/// both map into memory (8 bytes, the ticks ahead of real time; the app's <c>Hotline.Hosting.LocalRunClock</c>), so
/// the worker sees a move as soon as <see cref="MoveTo"/> returns, and a restarted worker keeps the moved time.
/// </summary>
internal sealed class MovedClock : TimeProvider, IDisposable
{
    /// <summary>The app setting that turns the moved clock on, as the worker's configuration reads it.</summary>
    public const string StartAtSetting = "Hotline__Clock__StartAt";

    /// <summary>The variable through which the worker learns the file; the app refuses the setting without it.</summary>
    public const string FileVariable = "HOTLINE_LOCALHOST_CLOCK_FILE";

    private readonly TimeProvider real;
    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor shared;
    private readonly object gate = new();
    private CancellationTokenSource moved = new();
    private long aheadTicks;
    private int moves;

    private MovedClock(TimeProvider real, DateTimeOffset startAt, string path, MemoryMappedFile file, MemoryMappedViewAccessor shared)
    {
        this.real = real;
        StartAt = startAt;
        FilePath = path;
        this.file = file;
        this.shared = shared;
    }

    public DateTimeOffset StartAt { get; }

    public string FilePath { get; }

    /// <summary>How far ahead of real time the clock is.</summary>
    public TimeSpan Ahead => TimeSpan.FromTicks(Volatile.Read(ref aheadTicks));

    /// <summary>How often the clock was moved; a timer compares it to learn that a move, not time, woke it.</summary>
    public int Moves => Volatile.Read(ref moves);

    /// <summary>Cancelled at the next move: a timer waiting for an occurrence wakes up and looks at the clock again.</summary>
    public CancellationToken NextMove
    {
        get
        {
            lock (gate)
            {
                return moved.Token;
            }
        }
    }

    public override long TimestampFrequency => real.TimestampFrequency;

    /// <summary>The clock from the settings; null when <see cref="StartAtSetting"/> is not set (the real clock).</summary>
    public static MovedClock? FromSettings(AppSettings settings, TimeProvider real)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(real);
        string? value = settings[StartAtSetting] ?? settings[StartAtSetting.Replace("__", ":", StringComparison.Ordinal)];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!ClockInstant.TryParse(value, out DateTimeOffset startAt))
        {
            throw new FunctionsConfigurationException($"{StartAtSetting} '{value}' is not an ISO 8601 instant with an offset (e.g. 2026-12-01T21:30:00+08:00).");
        }

        string path = Path.Combine(Path.GetTempPath(), $"hotline-localhost-clock-{Guid.NewGuid():N}");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        MemoryMappedFile? mapped = null;
        try
        {
            stream.SetLength(sizeof(long));
            mapped = MemoryMappedFile.CreateFromFile(stream, mapName: null, sizeof(long), MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            var clock = new MovedClock(real, startAt, path, mapped, mapped.CreateViewAccessor(0, sizeof(long), MemoryMappedFileAccess.ReadWrite));
            clock.Write((startAt - real.GetUtcNow()).Ticks);
            return clock;
        }
        catch
        {
            if (mapped is null)
            {
                stream.Dispose();
            }

            mapped?.Dispose();
            File.Delete(path);
            throw;
        }
    }

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow().AddTicks(Volatile.Read(ref aheadTicks));

    public override long GetTimestamp() => real.GetTimestamp();

    /// <summary>Timers take real durations: a move wakes the host's timers through <see cref="NextMove"/> instead.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, dueTime, period);

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    /// <summary>Moves the clock to <paramref name="target"/>; false (and no move) when that is in its past.</summary>
    public bool MoveTo(DateTimeOffset target, out DateTimeOffset now) => Move(current => target, out now);

    /// <summary>Moves the clock forward by <paramref name="by"/> (not negative) and answers the new time.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Move(current => current + by, out DateTimeOffset now);
        return now;
    }

    private bool Move(Func<DateTimeOffset, DateTimeOffset> target, out DateTimeOffset now)
    {
        CancellationTokenSource woken;
        lock (gate)
        {
            DateTimeOffset realNow = real.GetUtcNow();
            now = realNow.AddTicks(aheadTicks);
            DateTimeOffset to = target(now);
            if (to < now)
            {
                return false;
            }

            Write((to - realNow).Ticks);
            now = to;
            moves++;
            woken = moved;
            moved = new CancellationTokenSource();
        }

        // Outside the lock: the timers it wakes read the clock at once. Not disposed: a timer may still be linking to it.
        woken.Cancel();
        return true;
    }

    public void Dispose()
    {
        shared.Dispose();
        file.Dispose();
        moved.Dispose();
        try
        {
            File.Delete(FilePath);
        }
        catch (IOException)
        {
            // A file left in the temp folder is harmless; the next run makes its own.
        }
    }

    private void Write(long ticks)
    {
        // The worker reads the file's one aligned Int64 (the mapping starts on a page): a single store, never torn.
        shared.Write(0, ticks);
        Volatile.Write(ref aheadTicks, ticks);
    }
}
