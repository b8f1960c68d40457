using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline.Officers;
using Azure.Data.Tables;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Officers;

public sealed class OfficerTokenTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly OfficerTestHost _host = new(azurite);

    [Fact]
    public async Task An_issued_token_is_shown_once_and_stored_only_as_its_hash()
    {
        using var response = await _host.Client.PostAsync("/api/admin/officers/east-h1/tokens", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("token").GetString()!;
        var tokenId = issued.GetProperty("tokenId").GetString()!;
        Assert.Equal("east-h1", issued.GetProperty("officerId").GetString());
        Assert.Equal(_host.App.Clock.GetUtcNow(), issued.GetProperty("createdAt").GetDateTimeOffset());
        Assert.StartsWith("hlo_", token, StringComparison.Ordinal);
        Assert.Equal(47, token.Length);
        Assert.EndsWith($"/api/admin/officers/east-h1/tokens/{tokenId}", response.Headers.Location?.ToString(), StringComparison.Ordinal);

        var rows = new List<TableEntity>();
        await foreach (var row in _host.Storage.OfficerTokens.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        Assert.Equal(2, rows.Count);
        var stored = string.Join("|", rows.SelectMany(r => r.Select(p => p.Value?.ToString()).Append(r.PartitionKey).Append(r.RowKey)));
        Assert.DoesNotContain(token[4..], stored, StringComparison.Ordinal);
        Assert.Contains(OfficerTokenFormat.Hash(token), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_issue_makes_a_different_token_and_both_work()
    {
        using var first = await _host.Client.PostAsync("/api/admin/officers/east-h1/tokens", null);
        using var second = await _host.Client.PostAsync("/api/admin/officers/east-h1/tokens", null);
        var a = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var b = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        Assert.NotEqual(a, b);
        Assert.Equal(HttpStatusCode.OK, (await GetTasksWithAsync(a)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetTasksWithAsync(b)).StatusCode);
    }

    [Fact]
    public async Task Issuing_a_token_for_an_officer_not_in_the_directory_is_a_404_problem()
    {
        using var response = await _host.Client.PostAsync("/api/admin/officers/nobody/tokens", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        await foreach (var _ in _host.Storage.OfficerTokens.QueryAsync<TableEntity>())
        {
            Assert.Fail("Nothing is stored for an unknown officer.");
        }
    }

    [Fact]
    public async Task A_revoked_token_no_longer_authenticates_and_cannot_be_revoked_twice()
    {
        using var issuedResponse = await _host.Client.PostAsync("/api/admin/officers/east-h1/tokens", null);
        var issued = await issuedResponse.Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("token").GetString()!;
        var tokenId = issued.GetProperty("tokenId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await GetTasksWithAsync(token)).StatusCode);

        using var revoked = await _host.Client.DeleteAsync($"/api/admin/officers/east-h1/tokens/{tokenId}");
        using var again = await _host.Client.DeleteAsync($"/api/admin/officers/east-h1/tokens/{tokenId}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        using var refused = await GetTasksWithAsync(token);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("east-h1", "0123456789abcdef")]
    [InlineData("east-h1", "not-a-token-id")]
    [InlineData("nobody", "0123456789abcdef")]
    public async Task Revoking_a_token_the_officer_does_not_have_is_a_404_problem(string officerId, string tokenId)
    {
        using var response = await _host.Client.DeleteAsync($"/api/admin/officers/{officerId}/tokens/{tokenId}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_officer_cannot_revoke_through_another_officers_path()
    {
        using var issuedResponse = await _host.Client.PostAsync("/api/admin/officers/east-h1/tokens", null);
        var issued = await issuedResponse.Content.ReadFromJsonAsync<JsonElement>();

        using var response = await _host.Client.DeleteAsync($"/api/admin/officers/east-h2/tokens/{issued.GetProperty("tokenId").GetString()}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await GetTasksWithAsync(issued.GetProperty("token").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task An_admin_lists_an_officers_token_ids_but_never_the_tokens()
    {
        using var issuedResponse = await _host.Client.PostAsync("/api/admin/officers/east-h1/tokens", null);
        var issued = await issuedResponse.Content.ReadFromJsonAsync<JsonElement>();

        using var response = await _host.Client.GetAsync("/api/admin/officers/east-h1/tokens");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var listed = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("tokens").EnumerateArray());
        Assert.Equal(issued.GetProperty("tokenId").GetString(), listed.GetProperty("tokenId").GetString());
        Assert.DoesNotContain(issued.GetProperty("token").GetString()!, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_stops_working_when_its_officer_leaves_the_directory()
    {
        var token = await _host.TokenForAsync("east-h2");
        var document = JsonNode.Parse(TestDirectory.Json)!.AsObject();
        var officers = document["officers"]!.AsArray();
        officers.Remove(officers.Single(o => (string?)o!["id"] == "east-h2"));
        using var replaced = await _host.Client.PutAsync("/api/admin/directory", new StringContent(document.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        using var response = await GetTasksWithAsync(token, "east-h2");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetTasksWithAsync(string token, string officerId = "east-h1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/officers/{officerId}/tasks");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _host.Client.SendAsync(request);
    }

    public void Dispose() => _host.Dispose();
}
