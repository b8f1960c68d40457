namespace Hotline.Benchmarks;

/// <summary>
/// The system clock moved to the next 10:00 China time, running at real speed: SendSms holds a text in quiet hours
/// (22:00–08:00 China), and the benchmark measures the sending path at whatever hour it runs.
/// </summary>
internal sealed class DaytimeClock : TimeProvider
{
    private readonly TimeSpan _offset;

    public DaytimeClock()
    {
        var now = System.GetUtcNow();
        var china = now.ToOffset(TimeSpan.FromHours(8));
        var tenAm = new DateTimeOffset(china.Date.AddHours(10), china.Offset);
        _offset = (tenAm > china ? tenAm : tenAm.AddDays(1)) - now;
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
