using System.Threading.RateLimiting;
using Hotline.Hosting;
using Microsoft.Extensions.Options;

namespace Hotline.Intake;

/// <summary>
/// Per-client limits on the caller's side: submissions, and status lookups (JSON or page), which would otherwise
/// let anyone guess tracking codes. The client is the address the front end forwarded (<see cref="ClientAddress"/>).
/// </summary>
public sealed class IntakeRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _submissions;
    private readonly PartitionedRateLimiter<string> _statusLookups;

    public IntakeRateLimits(IOptions<IntakeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Window = o.RateLimitWindow;
        _submissions = PerClient(o.SubmissionsPerWindow, o.RateLimitWindow);
        _statusLookups = PerClient(o.StatusLookupsPerWindow, o.RateLimitWindow);
    }

    public TimeSpan Window { get; }

    public RateLimitLease AcquireSubmission(HttpContext context) => _submissions.AttemptAcquire(ClientAddress.Of(context));

    public RateLimitLease AcquireStatusLookup(HttpContext context) => _statusLookups.AttemptAcquire(ClientAddress.Of(context));

    public void Dispose()
    {
        _submissions.Dispose();
        _statusLookups.Dispose();
    }

    private static PartitionedRateLimiter<string> PerClient(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));
}
