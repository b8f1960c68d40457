using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Hotline.FollowUp;
using Hotline.Sms;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Sms;

/// <summary>
/// The same-text rule's rows go through the due-check loop: one run a day, an hour after a UTC day ends, deletes that
/// day's partition; the texts of the last 24 h are still held back after it. The test clock starts at 2026-11-23 02:00 UTC.
/// </summary>
public sealed class SameTextExpiryTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private const string Phone = "+8613900001234";

    private readonly HotlineApp _app = new(azurite);

    private static string Request(string key) => JsonSerializer.Serialize(new
    {
        messageKey = key,
        ticketId = "K7M3QX2E",
        to = Phone,
        template = "case-assigned",
        language = "zh-CN",
        args = new Dictionary<string, string> { ["ticketId"] = "K7M3QX2E", ["unitName"] = "东县总工会" },
    });

    [Fact]
    public async Task The_loop_deletes_a_day_an_hour_after_it_ends_and_schedules_the_next_while_the_rule_still_holds()
    {
        await SendAsync("K7M3QX2E:case-assigned:east");
        Assert.Equal(["window-2026-11-23", "window-2026-11-24"], await PartitionsAsync());

        _app.Clock.Advance(TimeSpan.FromHours(22) + TimeSpan.FromMinutes(59)); // 11-24 00:59 UTC
        Assert.Equal(0, await _app.RunFollowUpsAsync(SameTextExpiryHandler.ExpiryKind));

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _app.RunFollowUpsAsync(SameTextExpiryHandler.ExpiryKind));
        Assert.Equal(["window-2026-11-24"], await PartitionsAsync());
        var next = Assert.Single(await _app.Services.GetRequiredService<FollowUpIndex>().GetDueAsync(SameTextExpiryHandler.ExpiryKind, DateTimeOffset.MaxValue, 10, default));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero), next.DueAt);

        // 23.5 h after the first, under another key: still the same text to the same phone.
        _app.Clock.Advance(TimeSpan.FromMinutes(30));
        await SendAsync("K7M3QX2E:case-assigned:again");
        Assert.Equal(["K7M3QX2E:case-assigned:east"], await OutboxKeysAsync());

        _app.Clock.Advance(TimeSpan.FromHours(23.5)); // 11-25 01:00 UTC
        Assert.Equal(1, await _app.RunFollowUpsAsync(SameTextExpiryHandler.ExpiryKind));
        Assert.Empty(await PartitionsAsync());
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_run_deletes_a_bounded_number_of_rows_and_the_loop_finishes_the_rest_at_once()
    {
        // A day of more texts than one run deletes, in the partition of the day before the test's first.
        var rows = Enumerable.Range(0, SameTextExpiryHandler.RowsPerRun + 150)
            .Select(i => new TableEntity("window-2026-11-22", i.ToString("D8", CultureInfo.InvariantCulture)) { ["MessageKey"] = "k" });
        foreach (var chunk in rows.Chunk(100))
        {
            await _app.Storage.Sms.Recent.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        }

        _app.Clock.Advance(TimeSpan.FromHours(23)); // 11-24 01:00 UTC
        Assert.Equal(1, await _app.RunFollowUpsAsync(SameTextExpiryHandler.ExpiryKind));
        Assert.Equal(150, (await _app.Storage.Sms.Recent.RowsAsync()).Count);

        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _app.RunFollowUpsAsync(SameTextExpiryHandler.ExpiryKind));
        Assert.Empty(await _app.Storage.Sms.Recent.RowsAsync());
        var next = Assert.Single(await _app.Services.GetRequiredService<FollowUpIndex>().GetDueAsync(SameTextExpiryHandler.ExpiryKind, DateTimeOffset.MaxValue, 10, default));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero), next.DueAt);
        _app.AssertNoUnexpectedWarnings();
    }

    public void Dispose() => _app.Dispose();

    private async Task SendAsync(string key)
    {
        var sent = await _app.InvokeAsync("SendSms", Request(key));
        Assert.True(sent.Succeeded, sent.FailureMessage);
    }

    private async Task<List<string>> PartitionsAsync() =>
        [.. (await _app.Storage.Sms.Recent.RowsAsync()).Select(r => r.PartitionKey).Distinct().Order(StringComparer.Ordinal)];

    private async Task<List<string>> OutboxKeysAsync() =>
        [.. (await _app.Storage.Sms.Outbox.RowsAsync()).Select(r => r.GetString("MessageKey")!).Order(StringComparer.Ordinal)];
}
