using Azure.Core;
using Azure.Data.Tables;
using Hotline.Storage;
using Hotline.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline.Tests.Infrastructure;

/// <summary>
/// The real handler app in a test server, on its own tables and queues in a shared Azurite, so tests never see
/// each other's data. Fails the test when anything at Warning or above was logged, unless the test expects it.
/// </summary>
public sealed class HotlineApp : WebApplicationFactory<Program>
{
    private readonly AzuriteInstance _azurite;
    private readonly Dictionary<string, string?> _settings;

    public HotlineApp(AzuriteInstance azurite, IDictionary<string, string?>? settings = null)
    {
        _azurite = azurite;
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        _settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Hotline:Storage:TablePrefix"] = prefix,
            ["Hotline:Storage:QueuePrefix"] = prefix + "-",
            ["Hotline:Sms:Provider"] = "Outbox",
            ["Hotline:Sms:OutboxTable"] = prefix + "smsoutbox",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    /// <summary>Every Warning-or-above entry the app logged; <see cref="AssertNoUnexpectedWarnings"/> reads it.</summary>
    public WarningCollector Warnings { get; } = new();

    public HotlineStorage Storage => Services.GetRequiredService<HotlineStorage>();

    /// <summary>The size of every table request the app sent, to hold them to the service's limits.</summary>
    public TableRequestRecorder TableRequests { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);

            // The app's own client, built from the same connection, with the recorder in its pipeline.
            services.AddSingleton(sp =>
            {
                var options = new TableClientOptions();
                options.AddPolicy(TableRequests, HttpPipelinePosition.PerCall);
                return sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(options);
            });
        });
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(Warnings));
    }

    /// <summary>Fails when the app logged a warning or an error that <paramref name="expected"/> does not name.</summary>
    public void AssertNoUnexpectedWarnings(params string[] expected)
    {
        var unexpected = Warnings.Entries.Where(e => !expected.Any(x => e.Contains(x, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected warnings:\n" + string.Join("\n", unexpected));
    }
}
