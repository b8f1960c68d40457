using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Hotline.LocalHost.Invocation;

namespace Hotline.LocalHost.Tests.Queues;

/// <summary>Queue triggers polled on Azurite with the host's semantics, run by the real worker; queue outputs written.</summary>
public sealed partial class QueueTriggerTests(WorkerHostFixture fixture) : IClassFixture<WorkerHostFixture>
{
    private string Connection => fixture.Azurite.ConnectionString;

    [Fact]
    public async Task A_typed_message_runs_with_its_trigger_metadata_and_its_return_value_is_queued()
    {
        QueueClient orders = TestWorkerApp.Queue(Connection, fixture.Settings["OrdersQueue"]!);
        QueueClient done = TestWorkerApp.Queue(Connection, fixture.Settings["OrdersDoneQueue"]!);
        string orderId = "O" + Guid.NewGuid().ToString("N")[..8];

        SendReceipt sent = await orders.SendMessageAsync(TestWorkerApp.Base64($$"""{"orderId":"{{orderId}}","quantity":3,"phone":"13900001234"}""")).ContinueWith(t => t.Result.Value);

        await ReceiveAsync(done, m => TestWorkerApp.FromBase64(m.MessageText) == "done:" + orderId);
        string line = await fixture.Logs.LineAsync("OrderPlaced " + orderId);
        // A message id whose first group is all digits (one in forty) is masked like a phone number, as any 7+ digit run is.
        Assert.True(line.Contains($"x3 for *********34: id={PhoneNumbers.Mask(sent.MessageId)} dequeueCount=1", StringComparison.Ordinal), line);
        Assert.Contains("popReceipt=True", line, StringComparison.Ordinal);
        Match times = TimesInLog().Match(line);
        Assert.True(times.Success, line);
        DateTimeOffset inserted = DateTimeOffset.Parse(times.Groups["inserted"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(sent.InsertionTime, inserted, TimeSpan.FromSeconds(1));
        Assert.Equal(sent.ExpirationTime, DateTimeOffset.Parse(times.Groups["expires"].Value, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));
        Assert.True(DateTimeOffset.Parse(times.Groups["next"].Value, System.Globalization.CultureInfo.InvariantCulture) > inserted);
        await Eventually.UntilAsync<int>(async () => (await orders.GetPropertiesAsync()).Value.ApproximateMessagesCount, c => c == 0, "the message to be deleted");
    }

    [Fact]
    public async Task A_queue_message_parameter_binds_through_model_binding_data()
    {
        QueueClient raw = TestWorkerApp.Queue(Connection, fixture.Settings["RawQueue"]!);
        string text = "raw" + Guid.NewGuid().ToString("N");

        SendReceipt sent = (await raw.SendMessageAsync(TestWorkerApp.Base64(text))).Value;

        string line = await fixture.Logs.LineAsync("text=" + text);
        Assert.Contains($"RawItem {sent.MessageId} dequeueCount=1 text={text}", line, StringComparison.Ordinal);
        Assert.Contains("popReceipt=True", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_message_is_retried_up_to_max_dequeue_count_then_moved_to_poison()
    {
        QueueClient failing = TestWorkerApp.Queue(Connection, fixture.Settings["FailQueue"]!);
        QueueClient poison = TestWorkerApp.Queue(Connection, fixture.Settings["FailQueue"] + "-poison");
        string text = "fail" + Guid.NewGuid().ToString("N");
        string encoded = TestWorkerApp.Base64(text);

        await failing.SendMessageAsync(encoded);

        await ReceiveAsync(poison, m => m.MessageText == encoded, TimeSpan.FromSeconds(30));
        string[] attempts = [.. fixture.Logs.Entries.Select(e => e.Message).Where(m => m.Contains("AlwaysFails " + text, StringComparison.Ordinal)).Select(m => m[m.IndexOf("AlwaysFails ", StringComparison.Ordinal)..])];
        Assert.True(attempts.Length == 3, string.Join("\n", fixture.Logs.Entries.Select(e => e.Message).Where(m => m.Contains("AlwaysFails", StringComparison.Ordinal))));
        Assert.Equal([$"AlwaysFails {text} attempt 1", $"AlwaysFails {text} attempt 2", $"AlwaysFails {text} attempt 3"], attempts);
        Assert.Equal(0, (await failing.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_poison_unseen()
    {
        QueueClient orders = TestWorkerApp.Queue(Connection, fixture.Settings["OrdersQueue"]!);
        QueueClient poison = TestWorkerApp.Queue(Connection, fixture.Settings["OrdersQueue"] + "-poison");
        string text = "not base64 " + Guid.NewGuid().ToString("N");

        await orders.SendMessageAsync(text);

        await ReceiveAsync(poison, m => m.MessageText == text);
        Assert.True(fixture.Logs.Contains("Message decoding has failed!"));
    }

    [Fact]
    public async Task An_http_functions_queue_output_is_written_before_its_answer()
    {
        QueueClient output = TestWorkerApp.Queue(Connection, fixture.Settings["OutQueue"]!);
        string body = "payload-" + Guid.NewGuid().ToString("N");

        using HttpResponseMessage response = await fixture.Client.PostAsync("/enqueue", new StringContent(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        QueueMessage[] messages = (await output.ReceiveMessagesAsync(32)).Value;
        Assert.Contains(messages, m => TestWorkerApp.FromBase64(m.MessageText) == "from-http:" + body);
    }

    [Fact]
    public async Task Invoke_runs_a_queue_function_once_without_a_queue_and_reports_failures()
    {
        string orderId = "I" + Guid.NewGuid().ToString("N")[..8];

        InvocationOutcome ok = await fixture.Host.InvokeAsync("OrderPlaced", $$"""{"orderId":"{{orderId}}","quantity":1,"phone":"x"}""", CancellationToken.None);
        InvocationOutcome failed = await fixture.Host.InvokeAsync("AlwaysFails", "once", CancellationToken.None);

        Assert.True(ok.Succeeded, ok.FailureMessage);
        Assert.True(fixture.Logs.Contains("OrderPlaced " + orderId));
        Assert.False(failed.Succeeded);
        Assert.Contains("AlwaysFails failed on purpose.", failed.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_api_runs_a_queue_function_with_the_given_input()
    {
        string orderId = "A" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/OrderPlaced")
        {
            Content = JsonContent.Create(new { input = $$"""{"orderId":"{{orderId}}","quantity":2,"phone":"x"}""" }),
        };
        request.Headers.Add("x-functions-key", fixture.Host.MasterKey);

        using HttpResponseMessage response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.Logs.LineAsync("OrderPlaced " + orderId);
    }

    private static async Task<QueueMessage> ReceiveAsync(QueueClient queue, Func<QueueMessage, bool> match, TimeSpan? timeout = null) =>
        (await Eventually.UntilAsync<QueueMessage?>(
            async () => (await queue.ReceiveMessagesAsync(32)).Value.FirstOrDefault(match), m => m is not null, $"a message in '{queue.Name}'", timeout))!;

    [GeneratedRegex("inserted=(?<inserted>\\S+) expires=(?<expires>\\S+) nextVisible=(?<next>\\S+)")]
    private static partial Regex TimesInLog();
}
