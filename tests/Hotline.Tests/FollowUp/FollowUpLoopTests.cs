using System.Collections.Concurrent;
using Hotline.FollowUp;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.FollowUp;

/// <summary>The shared due-check loop (SweepFollowUps → follow-ups queue → RunFollowUp), driven with a handler of its own.</summary>
public sealed class FollowUpLoopTests : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly RecordingHandler _handler = new();
    private readonly HotlineApp _app;

    public FollowUpLoopTests(AzuriteInstance azurite)
    {
        _app = new HotlineApp(azurite, new Dictionary<string, string?>
        {
            ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
        }, services => services.AddSingleton<IFollowUpHandler>(_handler));
    }

    private FollowUpIndex Index => _app.Services.GetRequiredService<FollowUpIndex>();

    [Fact]
    public async Task Only_what_is_due_is_handled_and_each_due_row_once()
    {
        var now = _app.Clock.GetUtcNow();
        await Index.ScheduleAsync("test", "A", now - TimeSpan.FromMinutes(1), default, stage: "50");
        await Index.ScheduleAsync("test", "B", now, default, stage: "80");
        await Index.ScheduleAsync("test", "C", now + TimeSpan.FromMinutes(1), default);

        // Two sweeps at once (a timer fired twice, two instances): each due row is claimed by one of them.
        var sweeps = await Task.WhenAll(_app.InvokeAsync("SweepFollowUps"), _app.InvokeAsync("SweepFollowUps"));
        Assert.All(sweeps, s => Assert.True(s.Succeeded, s.FailureMessage));
        Assert.Equal(2, await _app.RunFollowUpsAsync());
        Assert.Equal(["A/50", "B/80"], _handler.Handled.Order(StringComparer.Ordinal));

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _app.RunFollowUpsAsync());
        Assert.Equal(0, await _app.RunFollowUpsAsync());
        Assert.Equal(["A/50", "B/80", "C/"], _handler.Handled.Order(StringComparer.Ordinal));
        Assert.Empty(await Index.GetDueAsync("test", _app.Clock.GetUtcNow() + TimeSpan.FromDays(365), 10, default));
    }

    [Fact]
    public async Task A_follow_up_whose_handler_failed_stays_and_is_dispatched_again_once_its_claim_runs_out()
    {
        _app.ExpectWarnings("fails on purpose");
        _handler.FailuresLeft["A"] = 1;
        await Index.ScheduleAsync("test", "A", _app.Clock.GetUtcNow(), default);

        var swept = await _app.InvokeAsync("SweepFollowUps");
        Assert.True(swept.Succeeded, swept.FailureMessage);
        var message = Assert.Single((await _app.Storage.DueFollowUps.ReceiveMessagesAsync(32)).Value);
        var failed = await _app.InvokeAsync("RunFollowUp", message.Body.ToString());
        Assert.False(failed.Succeeded);

        // Still claimed: the host's own redelivery of the message is what retries it meanwhile.
        Assert.Equal(0, await _app.RunFollowUpsAsync());
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await _app.RunFollowUpsAsync());
        Assert.Equal(["A/"], _handler.Handled);

        // The message delivered again after the row is done finds nothing to do.
        var late = await _app.InvokeAsync("RunFollowUp", message.Body.ToString());
        Assert.True(late.Succeeded, late.FailureMessage);
        Assert.Equal(["A/"], _handler.Handled);
    }

    [Fact]
    public async Task A_follow_up_of_a_kind_nobody_handles_fails_so_the_host_poison_queues_it()
    {
        _app.ExpectWarnings("No follow-up handler for kind 'nobody'");
        var run = await _app.InvokeAsync("RunFollowUp", """{"kind":"nobody","rowKey":"x"}""");
        Assert.False(run.Succeeded);
        Assert.Contains("No follow-up handler for kind 'nobody'", run.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();

    private sealed class RecordingHandler : IFollowUpHandler
    {
        public ConcurrentQueue<string> Handled { get; } = new();

        public ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

        public string Kind => "test";

        public Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
        {
            if (FailuresLeft.TryGetValue(due.Subject, out var left) && left > 0)
            {
                FailuresLeft[due.Subject] = left - 1;
                throw new InvalidOperationException($"{due.Subject} fails on purpose");
            }

            Handled.Enqueue($"{due.Subject}/{due.Stage}");
            return Task.CompletedTask;
        }
    }
}
