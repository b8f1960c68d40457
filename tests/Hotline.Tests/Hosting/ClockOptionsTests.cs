using Hotline.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hotline.Tests.Hosting;

/// <summary>
/// The moved clock (<c>Hotline:Clock:StartAt</c>) belongs to the local run only. Built from the worker's own builder
/// and read without starting it: a worker that fails at start would hang the in-process harness.
/// </summary>
public sealed class ClockOptionsTests : IDisposable
{
    private const string FileVariable = "HOTLINE_LOCALHOST_CLOCK_FILE";

    private readonly string clockFile = Path.Combine(Path.GetTempPath(), $"hotline-clock-test-{Guid.NewGuid():N}");

    [Fact]
    public void The_start_setting_is_refused_outside_the_local_run()
    {
        using IHost worker = Build(new() { ["Hotline:Clock:StartAt"] = "2026-12-01T23:00:00+08:00" });

        var error = Assert.Throws<OptionsValidationException>(() => worker.Services.GetRequiredService<IOptions<ClockOptions>>().Value);

        Assert.Contains("Hotline:Clock:StartAt", error.Message, StringComparison.Ordinal);
        Assert.Contains(FileVariable, error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => worker.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void A_start_without_an_offset_is_refused_even_in_the_local_run()
    {
        WriteAhead(TimeSpan.Zero);
        using IHost worker = Build(new() { ["Hotline:Clock:StartAt"] = "2026-12-01T23:00:00", [FileVariable] = clockFile });

        var error = Assert.Throws<OptionsValidationException>(() => worker.Services.GetRequiredService<IOptions<ClockOptions>>().Value);

        Assert.Contains("is not an ISO 8601 instant with an offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_setting_the_app_keeps_the_system_clock()
    {
        using IHost worker = Build([]);

        Assert.Same(TimeProvider.System, worker.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void In_the_local_run_the_app_reads_the_offset_the_local_host_writes_at_every_reading()
    {
        WriteAhead(TimeSpan.FromDays(3));
        using IHost worker = Build(new() { ["Hotline:Clock:StartAt"] = "2026-12-01T23:00:00+08:00", [FileVariable] = clockFile });
        TimeProvider clock = worker.Services.GetRequiredService<TimeProvider>();

        DateTimeOffset first = clock.GetUtcNow();
        WriteAhead(TimeSpan.FromDays(5));
        DateTimeOffset second = clock.GetUtcNow();

        Assert.InRange(first - DateTimeOffset.UtcNow, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(3));
        Assert.InRange(second - first, TimeSpan.FromDays(2), TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
    }

    public void Dispose() => File.Delete(clockFile);

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = HotlineWorker.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        return builder.Build();
    }

    /// <summary>What the local host keeps in the file: the ticks ahead of real time, in place (the app maps it).</summary>
    private void WriteAhead(TimeSpan ahead)
    {
        using var file = new FileStream(clockFile, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Write(BitConverter.GetBytes(ahead.Ticks));
    }
}
