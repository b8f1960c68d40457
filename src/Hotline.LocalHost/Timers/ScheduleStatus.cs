namespace Hotline.LocalHost.Timers;

/// <summary>
/// The timer's monitored status as the function sees it; null <see cref="Last"/>/<see cref="LastUpdated"/> mean the
/// timer has not run since the host started (the host's default(DateTime)).
/// </summary>
internal sealed record ScheduleStatus(DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated);
