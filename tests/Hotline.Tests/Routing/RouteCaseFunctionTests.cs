using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Routing;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Routing;

public sealed class RouteCaseFunctionTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
    });

    private static int _callers;

    private static async Task<string> SubmitAsync(HttpClient client, string region)
    {
        // A different caller each time: one caller's repeat would be merged into the first case.
        using var response = await client.PostAsJsonAsync("/api/submissions", new
        {
            description = "厂里拖欠两个月工资",
            phone = $"1390000{Interlocked.Increment(ref _callers) % 10_000:D4}",
            region,
            category = "wage_arrears",
            consent = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
    }

    private Task<InvocationOutcome> RouteAsync(string ticketId) =>
        _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticketId}}"}""");

    [Fact]
    public async Task Routing_assigns_the_deepest_covering_unit_and_its_least_loaded_handler_and_texts_the_officer()
    {
        using var client = _app.CreateClient();
        var first = await SubmitAsync(client, "650102");
        var second = await SubmitAsync(client, "650102");

        var a = await RouteAsync(first);
        var b = await RouteAsync(second);

        Assert.True(a.Succeeded, a.FailureMessage);
        Assert.True(b.Succeeded, b.FailureMessage);
        var store = _app.Services.GetRequiredService<CaseStore>();
        var routedA = (await store.GetAsync(first, default))!.Value.Record;
        var routedB = (await store.GetAsync(second, default))!.Value.Record;
        Assert.Equal(CaseStatus.Assigned, routedA.Status);
        Assert.Equal("east", routedA.UnitId);
        Assert.Equal("东县总工会", routedA.UnitName);
        Assert.Equal(new[] { "east-h1", "east-h2" }, new[] { routedA.OfficerId, routedB.OfficerId }.Order());
        Assert.Equal(_app.Clock.GetUtcNow() + TimeSpan.FromHours(4), routedA.AcknowledgementDueAt);
        Assert.Equal(_app.Clock.GetUtcNow() + TimeSpan.FromDays(7), routedA.ResolutionDueAt);

        var texts = await _app.Storage.SmsOutbound.PeekJsonAsync();
        var task = Assert.Single(texts, t => t.GetProperty("template").GetString() == "officer-task" && t.GetProperty("ticketId").GetString() == first);
        Assert.Equal(routedA.OfficerId == "east-h1" ? "+8613900009012" : "+8613900009013", task.GetProperty("to").GetString());

        var history = await store.GetHistoryAsync(first, default);
        Assert.Equal(["received", "assigned"], history.Select(h => h.Action));
        // Both handlers had no open case: the first case goes to the lowest id, the second to the other handler.
        Assert.Equal(
            "no rule; region 650102 is covered by east (东县总工会) (region 650102); "
            + "officer east-h1 (东县干事一) has the fewest open cases (0) of the 2 on-duty handlers of east; "
            + "acknowledge by 2026-11-23 14:00 China time (4 h for normal), resolve by 2026-11-30 10:00 China time (7 d from the assignment for normal, general)",
            history[1].Reason);

        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_unit_with_no_handler_on_duty_passes_the_case_to_its_parent()
    {
        using var client = _app.CreateClient();
        var ticket = await SubmitAsync(client, "650103");

        var response = await RouteAsync(ticket);

        Assert.True(response.Succeeded, response.FailureMessage);
        var routed = (await _app.Services.GetRequiredService<CaseStore>().GetAsync(ticket, default))!.Value.Record;
        Assert.Equal("city", routed.UnitId);
        Assert.Equal("city-h1", routed.OfficerId);
    }

    [Fact]
    public async Task Routing_the_same_message_twice_assigns_once_and_counts_the_case_once()
    {
        using var client = _app.CreateClient();
        var ticket = await SubmitAsync(client, "650102");

        var first = await RouteAsync(ticket);
        var again = await RouteAsync(ticket);

        Assert.True(again.Succeeded, again.FailureMessage);
        var history = await _app.Services.GetRequiredService<CaseStore>().GetHistoryAsync(ticket, default);
        Assert.Single(history, h => h.Action == "assigned");
        var loads = await _app.Services.GetRequiredService<OfficerLoadStore>().GetCountsAsync("east", default);
        Assert.Equal(1, loads.Values.Sum());

        // Both runs queue the officer's text under one key; SendSms sends a key once.
        var keys = (await _app.Storage.SmsOutbound.PeekJsonAsync())
            .Where(t => t.GetProperty("template").GetString() == "officer-task")
            .Select(t => t.GetProperty("messageKey").GetString()).Distinct();
        Assert.Single(keys);
    }

    [Fact]
    public async Task A_major_incident_is_told_at_once_to_the_unit_head_and_the_parent_unit_head()
    {
        using var client = _app.CreateClient();
        using var submitted = await client.PostAsJsonAsync("/api/submissions", new
        {
            description = "工地脚手架倒塌，一名工人死亡，两人重伤，老板跑了",
            region = "650102",
            consent = true,
        });
        var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;

        var routed = await RouteAsync(ticket);

        Assert.True(routed.Succeeded, routed.FailureMessage);
        var record = (await _app.Services.GetRequiredService<CaseStore>().GetAsync(ticket, default))!.Value.Record;
        Assert.Equal(CasePriority.MajorIncident, record.Priority);
        Assert.Equal(_app.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), record.AcknowledgementDueAt);
        Assert.Equal(_app.Clock.GetUtcNow() + TimeSpan.FromHours(24), record.ResolutionDueAt);
        var told = (await _app.Storage.SmsOutbound.PeekJsonAsync())
            .Where(t => t.GetProperty("template").GetString() == "major-incident")
            .Select(t => t.GetProperty("to").GetString())
            .Order();
        Assert.Equal(["+8613900009001", "+8613900009011"], told);

        _app.AssertNoUnexpectedWarnings("Major incident");
    }

    [Theory]
    [InlineData("""{"ticketId":"ZZZZZZZZ"}""")]
    [InlineData("""{"nothing":1}""")]
    [InlineData("not json at all")]
    public async Task A_message_that_cannot_be_routed_fails_the_invocation_so_the_host_retries_it(string message)
    {
        var response = await _app.InvokeAsync("RouteCase", message);

        Assert.False(response.Succeeded);
        Assert.False(string.IsNullOrEmpty(response.FailureMessage));
        _app.ExpectWarnings("RouteCase");
    }

    [Fact]
    public async Task A_case_no_unit_covers_goes_to_the_default_unit_the_admin_chose()
    {
        using var app = new HotlineApp(azurite, new Dictionary<string, string?>
        {
            ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
            ["Hotline:Routing:DefaultUnitId"] = "east",
        });
        using var client = app.CreateClient();
        var beijing = await SubmitAsync(client, "110101");

        var routed = await app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{beijing}}"}""");

        Assert.True(routed.Succeeded, routed.FailureMessage);
        var record = (await app.Services.GetRequiredService<CaseStore>().GetAsync(beijing, default))!.Value.Record;
        Assert.Equal("east", record.UnitId);
        app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_default_unit_missing_from_the_directory_in_use_is_logged_as_a_warning_not_passed_over_silently()
    {
        using var app = new HotlineApp(azurite, new Dictionary<string, string?>
        {
            ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
            ["Hotline:Routing:DefaultUnitId"] = "no-such-unit",
        });
        using var client = app.CreateClient();
        var beijing = await SubmitAsync(client, "110101");

        app.ExpectWarnings("no-such-unit");
        var routed = await app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{beijing}}"}""");

        Assert.True(routed.Succeeded, routed.FailureMessage);
        Assert.Contains(app.Logs.Warnings, w => w.ToString().Contains("no-such-unit", StringComparison.Ordinal) && w.ToString().Contains(beijing, StringComparison.Ordinal));
    }

    [Fact]
    public void The_app_refuses_options_without_a_default_unit()
    {
        // The worker's own builder with the setting cleared; the options are validated on start (ValidateOnStart),
        // and reading them shows the error that stops the worker.
        var builder = HotlineWorker.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hotline:Routing:DefaultUnitId"] = "" });
        using var worker = builder.Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => worker.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RoutingOptions>>().Value);

        Assert.Contains("DefaultUnitId", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
