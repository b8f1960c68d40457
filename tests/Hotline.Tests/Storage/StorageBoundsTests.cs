using Hotline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hotline.Tests.Storage;

/// <summary>
/// How long the app waits for storage is bound and checked at start. Built from the worker's own builder and read
/// without starting it: a worker that fails at start would hang the in-process harness.
/// </summary>
public sealed class StorageBoundsTests
{
    [Fact]
    public void The_defaults_give_up_on_a_storage_call_within_about_sixteen_seconds()
    {
        using var worker = Build([]);

        var options = worker.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(5), 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30)), (options.TryTimeout, options.MaxRetries, options.RetryDelay, options.UnavailableRetryAfter));

        // Three tries of 5 s and the back-off between them (200 ms, 400 ms, each up to 20 % more).
        Assert.Equal(TimeSpan.FromMilliseconds(15_720), options.CallBudget);
    }

    [Theory]
    [InlineData("TryTimeout", "00:00:00")]
    [InlineData("TryTimeout", "00:05:00")]
    [InlineData("MaxRetries", "-1")]
    [InlineData("MaxRetries", "11")]
    [InlineData("RetryDelay", "00:01:00")]
    [InlineData("UnavailableRetryAfter", "00:00:00")]
    public void A_bound_out_of_range_stops_the_app_naming_it(string setting, string value)
    {
        using var worker = Build(new() { ["Hotline:Storage:" + setting] = value });

        var error = Assert.Throws<OptionsValidationException>(() => worker.Services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = HotlineWorker.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        return builder.Build();
    }
}
