using System.Text.Json;
using Hotline.LocalHost.Invocation;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Hotline.Testing;
using Microsoft.AspNetCore.Http;

namespace Hotline.LocalHost.Tests.Queues;

public sealed class QueueTriggerTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    [Fact]
    public async Task A_queue_message_reaches_the_handler_as_the_documented_envelope()
    {
        string queue = UniqueName.Queue("routing");
        await using var fixture = await Fixture.StartAsync(azurite, queue);
        string text = """{"ticketId":"K7P3QX","region":"621124"}""";
        SendReceipt sent = await fixture.SendAsync(text);

        RecordedRequest invocation = (await fixture.WaitForInvocationsAsync(1))[0];

        Assert.Equal("/RouteCase", invocation.Path);
        Assert.Equal("application/json; charset=utf-8", invocation.Header("Content-Type"));
        Assert.True(Guid.TryParse(invocation.Header("X-Azure-Functions-InvocationId"), out _));
        using JsonDocument envelope = invocation.Json();
        string data = envelope.RootElement.GetProperty("Data").GetProperty("message").GetString()!;
        Assert.Equal("\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", data);
        Assert.Equal(text, QueueTriggerEnvelope.Unwrap(data));
        JsonElement metadata = envelope.RootElement.GetProperty("Metadata");
        Assert.Equal("1", metadata.GetProperty("DequeueCount").GetString());
        Assert.Equal($"\"{sent.MessageId}\"", metadata.GetProperty("Id").GetString());
        Assert.StartsWith("\"", metadata.GetProperty("PopReceipt").GetString(), StringComparison.Ordinal);
        Assert.Equal(InvocationEnvelope.FormatDate(sent.InsertionTime), metadata.GetProperty("InsertionTime").GetString());
        Assert.Equal(InvocationEnvelope.FormatDate(sent.ExpirationTime), metadata.GetProperty("ExpirationTime").GetString());
        Assert.True(metadata.GetProperty("NextVisibleTime").GetDateTimeOffset() > sent.InsertionTime);
        Assert.Equal("RouteCase", metadata.GetProperty("sys").GetProperty("MethodName").GetString());
    }

    [Fact]
    public async Task A_successful_invocation_deletes_the_message()
    {
        string queue = UniqueName.Queue("ok");
        await using var fixture = await Fixture.StartAsync(azurite, queue);
        await fixture.SendAsync("done soon");

        await fixture.WaitForInvocationsAsync(1);

        await Eventually.UntilAsync(() => fixture.CountAsync(queue), count => count == 0, "the message to be deleted");
        Assert.Empty(await fixture.PeekAsync(queue + "-poison"));
        Assert.Single(fixture.Handler.InvocationsOf("RouteCase"));
    }

    [Fact]
    public async Task A_handler_that_always_fails_poisons_the_message_after_exactly_max_dequeue_count_invocations()
    {
        string queue = UniqueName.Queue("fails");
        await using var fixture = await Fixture.StartAsync(
            azurite,
            queue,
            respond: (context, _) => TestHandler.Json(context, """{"error":"boom"}""", StatusCodes.Status500InternalServerError),
            queues: """{ "maxPollingInterval": "00:00:00.200", "visibilityTimeout": "00:00:00", "maxDequeueCount": 3 }""");
        SendReceipt sent = await fixture.SendAsync("""{"ticketId":"POISON1"}""");

        IReadOnlyList<PeekedMessage> poisoned = await Eventually.UntilAsync(() => fixture.PeekAsync(queue + "-poison"), m => m.Count > 0, "the poison message");

        Assert.Equal(Base64("""{"ticketId":"POISON1"}"""), Assert.Single(poisoned).MessageText);
        await Eventually.UntilAsync(() => fixture.CountAsync(queue), count => count == 0, "the original to be deleted");
        IReadOnlyList<RecordedRequest> invocations = fixture.Handler.InvocationsOf("RouteCase");
        Assert.Equal(3, invocations.Count);
        Assert.Equal(["1", "2", "3"], invocations.Select(i => DequeueCount(i)));
        Assert.All(invocations, i => Assert.Contains(sent.MessageId, i.Body, StringComparison.Ordinal));
        Assert.True(fixture.Harness.Logs.Contains($"Message has reached MaxDequeueCount of 3. Moving message to queue '{queue}-poison'"));
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_poison_without_an_invocation()
    {
        string queue = UniqueName.Queue("undecodable");
        await using var fixture = await Fixture.StartAsync(azurite, queue);
        await azurite.GetQueueClient(queue, QueueMessageEncoding.None).SendMessageAsync("""{"sent":"as plain text"}""");

        IReadOnlyList<PeekedMessage> poisoned = await Eventually.UntilAsync(() => fixture.PeekAsync(queue + "-poison"), m => m.Count > 0, "the poison message");

        Assert.Equal("""{"sent":"as plain text"}""", Assert.Single(poisoned).MessageText);
        Assert.Empty(fixture.Handler.InvocationsOf("RouteCase"));
        await Eventually.UntilAsync(() => fixture.CountAsync(queue), count => count == 0, "the original to be deleted");
        Assert.True(fixture.Harness.Logs.Contains("Message decoding has failed! Check MessageEncoding settings."));
    }

    [Fact]
    public async Task At_most_batch_size_plus_new_batch_threshold_invocations_run_at_once()
    {
        string queue = UniqueName.Queue("bounded");
        using var gate = new SemaphoreSlim(0);
        await using var fixture = await Fixture.StartAsync(
            azurite,
            queue,
            respond: async (context, request) =>
            {
                if (request.Method == "POST")
                {
                    await gate.WaitAsync(context.RequestAborted);
                }

                await TestHandler.EmptyResult(context);
            },
            queues: """{ "maxPollingInterval": "00:00:00.200", "batchSize": 2, "newBatchThreshold": 1 }""");
        for (int i = 0; i < 8; i++)
        {
            await fixture.SendAsync($"message {i}");
        }

        // One batch of two is in flight; the next batch waits until the count drops to the threshold (1).
        await Eventually.UntilAsync(() => fixture.Handler.InFlight == 2, "the first batch");
        await Task.Delay(300);
        Assert.Equal(2, fixture.Handler.InFlight);

        gate.Release();
        await Eventually.UntilAsync(() => fixture.Handler.InFlight == 3, "the second batch on top of the remaining one");
        await Task.Delay(300);
        Assert.Equal(3, fixture.Handler.InFlight);

        gate.Release(100);
        await Eventually.UntilAsync(() => fixture.CountAsync(queue), count => count == 0, "all messages to be processed");
        Assert.Equal(8, fixture.Handler.InvocationsOf("RouteCase").Count);
        Assert.Equal(3, fixture.Handler.MaxInFlight);
    }

    [Fact]
    public async Task Queue_outputs_from_the_response_are_enqueued_and_its_logs_logged()
    {
        string queue = UniqueName.Queue("in");
        string outbox = UniqueName.Queue("outbox");
        string output = $$""", { "type": "queue", "direction": "out", "name": "outbox", "queueName": "{{outbox}}" }""";
        await using var fixture = await Fixture.StartAsync(
            azurite,
            queue,
            respond: (context, request) => request.Method == "POST"
                ? TestHandler.Json(context, """{"Outputs":{"outbox":["first",{"n":1},"aGk="]},"Logs":["routed K7P3QX"]}""")
                : TestHandler.Json(context, "{}"),
            extraBindings: output);
        await fixture.SendAsync("go");

        IReadOnlyList<PeekedMessage> sent = await Eventually.UntilAsync(() => fixture.PeekAsync(outbox), m => m.Count == 3, "three output messages");

        Assert.Equal([Base64("first"), Base64("""{"n":1}"""), "aGk="], sent.Select(m => m.MessageText));
        Assert.True(fixture.Harness.Logs.Contains("RouteCase: routed K7P3QX"));
    }

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    private static string DequeueCount(RecordedRequest invocation)
    {
        using JsonDocument envelope = invocation.Json();
        return envelope.RootElement.GetProperty("Metadata").GetProperty("DequeueCount").GetString()!;
    }

    private sealed class Fixture : IAsyncDisposable
    {
        private readonly AzuriteInstance azurite;
        private readonly string queue;
        private readonly TestAppRoot app;

        private Fixture(AzuriteInstance azurite, string queue, TestAppRoot app, TestHandler handler, LocalHostHarness harness)
        {
            this.azurite = azurite;
            this.queue = queue;
            this.app = app;
            Handler = handler;
            Harness = harness;
        }

        public TestHandler Handler { get; }

        public LocalHostHarness Harness { get; }

        public static async Task<Fixture> StartAsync(
            AzuriteInstance azurite, string queue, TestHandler.Responder? respond = null, string? queues = null, string extraBindings = "")
        {
            var app = TestAppRoot.Create(
                queues is null ? TestAppRoot.HostJson() : TestAppRoot.HostJson(queues),
                ("RouteCase", TestAppRoot.QueueFunction(queue, extraBindings)));
            TestHandler handler = await TestHandler.StartAsync(respond);
            LocalHostHarness harness = await LocalHostHarness.StartAsync(app, azurite.ConnectionString, handler);
            return new Fixture(azurite, queue, app, handler, harness);
        }

        public async Task<SendReceipt> SendAsync(string text) => (await azurite.GetQueueClient(queue, QueueMessageEncoding.Base64).SendMessageAsync(text)).Value;

        public Task<IReadOnlyList<RecordedRequest>> WaitForInvocationsAsync(int count) =>
            Eventually.UntilAsync(() => Handler.InvocationsOf("RouteCase"), i => i.Count >= count, $"{count} invocation(s)");

        public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(string name)
        {
            try
            {
                return (await azurite.GetQueueClient(name, QueueMessageEncoding.None).PeekMessagesAsync(32)).Value;
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                return [];
            }
        }

        /// <summary>Messages still in the queue, visible or not (peek sees only visible ones).</summary>
        public async Task<int> CountAsync(string name) =>
            (await azurite.GetQueueClient(name, QueueMessageEncoding.None).GetPropertiesAsync()).Value.ApproximateMessagesCount;

        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync();
            await Handler.DisposeAsync();
            app.Dispose();
        }
    }
}
