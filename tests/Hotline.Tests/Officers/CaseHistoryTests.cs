using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Testing;

namespace Hotline.Tests.Officers;

public sealed class CaseHistoryTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly OfficerTestHost _host = new(azurite);

    [Theory]
    [InlineData("east-h1")]
    [InlineData("east-h2")]
    [InlineData("east-head")]
    [InlineData("city-head")]
    public async Task Officers_of_the_unit_and_heads_above_it_read_the_audit_trail(string officerId)
    {
        var routed = await _host.NewRoutedCaseAsync();
        using var acknowledged = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/acknowledge");

        using var response = await _host.GetAsOfficerAsync(officerId, $"/api/cases/{routed.TicketId}/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(routed.TicketId, history.GetProperty("ticketId").GetString());
        Assert.Equal("acknowledged", history.GetProperty("status").GetString());
        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["received", "assigned", "acknowledged"], entries.Select(e => e.GetProperty("action").GetString()));
        var last = entries[^1];
        Assert.Equal($"officer:{routed.OfficerId}", last.GetProperty("actor").GetString());
        Assert.Equal("assigned", last.GetProperty("from").GetString());
        Assert.Equal("acknowledged", last.GetProperty("to").GetString());
        Assert.Equal(_host.App.Clock.GetUtcNow(), last.GetProperty("at").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("west-head")]
    [InlineData("west-h1")]
    [InlineData("city-h1")]
    public async Task Officers_of_other_units_and_handlers_above_it_do_not(string officerId)
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await _host.GetAsOfficerAsync(officerId, $"/api/cases/{routed.TicketId}/history");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_admin_route_reads_any_case_history_without_an_officer_token()
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await _host.Client.GetAsync($"/api/admin/cases/{routed.TicketId.ToLowerInvariant()}/history");
        using var unknown = await _host.Client.GetAsync("/api/admin/cases/ZZZZZZZZ/history");
        using var malformed = await _host.Client.GetAsync("/api/admin/cases/nope/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray();
        Assert.Equal(["received", "assigned"], entries.Select(e => e.GetProperty("action").GetString()));
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_officer_route_needs_a_token()
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await _host.Client.GetAsync($"/api/cases/{routed.TicketId}/history");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    public void Dispose() => _host.Dispose();
}
