using System.Net.Http.Headers;
using System.Text.Json;
using Hotline.LocalHost.Invocation;

namespace Hotline.LocalHost.Tests.Invocation;

public sealed class InvocationResultTests
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    [Fact]
    public void Logs_outputs_and_return_value_are_read_case_insensitively()
    {
        Assert.True(InvocationResult.TryParse(Json, """{"logs":["one","two"],"outputs":{"Outbox":["a",{"b":1}]},"returnValue":"r"}""", out InvocationResult? result, out _));

        Assert.Equal(["one", "two"], result!.Logs);
        Assert.Equal(JsonValueKind.Array, result.Outputs["outbox"].ValueKind);
        Assert.Equal("r", result.ReturnValue!.Value.GetString());
    }

    [Fact]
    public void An_empty_object_is_a_successful_result()
    {
        Assert.True(InvocationResult.TryParse(Json, "{}", out InvocationResult? result, out _));
        Assert.Empty(result!.Logs);
    }

    [Theory]
    [InlineData("application/json", "")]
    [InlineData("application/json", "null")]
    [InlineData("application/json", "[1]")]
    [InlineData("application/json", "{not json")]
    [InlineData("text/plain", "{}")]
    public void Answers_the_host_could_not_complete_are_failures(string mediaType, string body)
    {
        Assert.False(InvocationResult.TryParse(new MediaTypeHeaderValue(mediaType), body, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
