namespace Hotline.LocalHost.Http;

/// <summary>
/// The answer of <c>GET</c> and <c>POST /admin/clock</c>. <see cref="Now"/> is written in the offset of
/// <see cref="StartAt"/> (the local run's own zone, e.g. China time) and is the same instant as <see cref="Utc"/>;
/// <see cref="Ahead"/> is how far the clock is ahead of real time, as an ISO 8601 duration.
/// </summary>
internal sealed record ClockState(bool Moved, DateTimeOffset Now, DateTimeOffset Utc, DateTimeOffset? StartAt, string Ahead);
