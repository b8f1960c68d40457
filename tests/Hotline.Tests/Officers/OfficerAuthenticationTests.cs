using System.Net;
using System.Text;
using Hotline.Testing;

namespace Hotline.Tests.Officers;

public sealed class OfficerAuthenticationTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly OfficerTestHost _host = new(azurite);

    [Theory]
    [InlineData(null, false)]
    [InlineData("Basic ZWFzdC1oMTpwdw==", false)]
    [InlineData("Bearer", false)]
    [InlineData("Bearer not-a-token", true)]
    [InlineData("Bearer hlo_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true)]
    public async Task An_officer_endpoint_without_a_valid_token_answers_401_with_a_bearer_challenge(string? authorization, bool invalidToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/officers/east-h1/tasks");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal(invalidToken, challenge.Parameter?.Contains("invalid_token", StringComparison.Ordinal) ?? false);
    }

    [Theory]
    [InlineData("/api/cases/ABCDEFGH/acknowledge")]
    [InlineData("/api/cases/ABCDEFGH/resolve")]
    [InlineData("/api/cases/ABCDEFGH/complexity")]
    [InlineData("/api/cases/ABCDEFGH/transfer")]
    public async Task A_caller_without_a_token_learns_nothing_about_the_case_or_its_body(string path)
    {
        using var response = await _host.Client.PostAsync(path, new StringContent("{not json", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_scheme_is_case_insensitive()
    {
        var token = await _host.TokenForAsync("east-h1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/officers/east-h1/tasks");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + token);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_is_never_written_to_the_logs()
    {
        var token = await _host.TokenForAsync("east-h1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/officers/east-h1/tasks");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(_host.Logs, line => line.Contains(token[4..20], StringComparison.Ordinal));
    }

    public void Dispose() => _host.Dispose();
}
