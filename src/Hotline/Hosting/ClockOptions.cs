namespace Hotline.Hosting;

/// <summary>
/// The moved clock of the local run: the app's <see cref="TimeProvider"/> starts at <see cref="StartAt"/>, runs at
/// real speed and jumps forward when the local host moves it (<c>POST /admin/clock</c>). Refused anywhere else.
/// </summary>
public sealed class ClockOptions
{
    public const string Section = "Hotline:Clock";

    /// <summary>An ISO 8601 instant with its offset (<c>2026-12-01T21:30:00+08:00</c>); unset: the real clock.</summary>
    public string? StartAt { get; set; }

    /// <summary>
    /// The file through which the local host shares the moved clock (<see cref="LocalRunClock.FileVariable"/>);
    /// only the local host sets it, so its absence means this is not the local run. Not an app setting of this
    /// section: read from that variable alone.
    /// </summary>
    public string? LocalHostClockFile { get; internal set; }
}
