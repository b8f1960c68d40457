using Hotline.LocalHost.Queues;

namespace Hotline.LocalHost.Tests.Queues;

public sealed class PollingBackoffTests
{
    [Fact]
    public void Empty_polls_back_off_exponentially_with_jitter_up_to_the_maximum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), new Random(7));

        TimeSpan[] delays = [.. Enumerable.Range(0, 12).Select(_ => backoff.Next(foundMessages: false))];

        Assert.InRange(delays[0].TotalMilliseconds, 180, 220);
        Assert.InRange(delays[1].TotalMilliseconds, 260, 340);
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.Equal(TimeSpan.FromSeconds(2), delays[^1]);
    }

    [Fact]
    public void Finding_messages_resets_the_delay_to_the_minimum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), new Random(7));
        for (int i = 0; i < 10; i++)
        {
            backoff.Next(foundMessages: false);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Next(foundMessages: true));
        Assert.InRange(backoff.Next(foundMessages: false).TotalMilliseconds, 180, 220);
    }
}
