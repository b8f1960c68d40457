namespace Hotline.LocalHost.Queues;

/// <summary>
/// The queue listener's randomized exponential back-off: from the minimum (100 ms) doubling with ±20 % jitter up to
/// maxPollingInterval while the queue stays empty, back to the minimum as soon as a message arrives.
/// https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/storage/Microsoft.Azure.WebJobs.Extensions.Storage.Common/src/Timers/RandomizedExponentialBackoffStrategy.cs
/// </summary>
internal sealed class PollingBackoff
{
    private const double RandomizationFactor = 0.2;

    private readonly TimeSpan minimum;
    private readonly TimeSpan maximum;
    private readonly Random random;
    private int exponent;
    private TimeSpan current;

    public PollingBackoff(TimeSpan minimum, TimeSpan maximum, Random? random = null)
    {
        if (minimum <= TimeSpan.Zero || maximum < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), "The polling interval bounds must satisfy 0 < minimum <= maximum.");
        }

        this.minimum = minimum;
        this.maximum = maximum;
        this.random = random ?? Random.Shared;
        current = minimum;
    }

    /// <param name="foundMessages">Whether the polls since the last delay found messages.</param>
    public TimeSpan Next(bool foundMessages)
    {
        if (foundMessages)
        {
            exponent = 0;
            current = minimum;
            return current;
        }

        if (current >= maximum)
        {
            return maximum;
        }

        double factor = 1 - RandomizationFactor + (random.NextDouble() * 2 * RandomizationFactor);
        TimeSpan candidate = minimum + TimeSpan.FromMilliseconds(factor * Math.Pow(2, exponent) * minimum.TotalMilliseconds);
        exponent++;
        current = candidate < maximum ? candidate : maximum;
        return current;
    }
}
