using System.Text;
using Hotline.Hosting;

namespace Hotline.Tests.Hosting;

public sealed class InvocationRequestTests
{
    [Fact]
    public void Queue_message_double_encoded_by_the_host_is_unwrapped_to_the_original_text()
    {
        // What the Functions host sends: the message text JSON-serialised again, metadata scalars as strings.
        const string envelope = """
            {"Data":{"message":"\"{\\\"ticketId\\\":\\\"K7M3QX2P\\\"}\""},
             "Metadata":{"DequeueCount":"3","Id":"\"5b0c\"","sys":{"MethodName":"RouteCase","UtcNow":"2026-11-22T08:00:00Z"}}}
            """;

        Assert.True(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(envelope), out var request));

        Assert.Equal("""{"ticketId":"K7M3QX2P"}""", request!.GetText("message"));
        Assert.Equal(3, request.GetDequeueCount());
        Assert.Equal("5b0c", request.GetMetadata("Id"));
    }

    [Fact]
    public void Plain_values_as_the_docs_show_them_are_read_too()
    {
        const string envelope = """{"data":{"message":"{\"ticketId\":\"K7M3QX2P\"}"},"metadata":{"DequeueCount":2}}""";

        Assert.True(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(envelope), out var request));

        Assert.Equal("""{"ticketId":"K7M3QX2P"}""", request!.GetText("message"));
        Assert.Equal(2, request.GetDequeueCount());
    }

    [Fact]
    public void Timer_object_is_returned_as_json_text()
    {
        const string envelope = """{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}""";

        Assert.True(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(envelope), out var request));

        Assert.Equal("""{"IsPastDue":false}""", request!.GetText("timer"));
        Assert.Null(request.GetText("missing"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1]")]
    public void Malformed_envelopes_are_refused(string text)
    {
        Assert.False(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }
}
