using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Hotline.Storage.Auth;
using Hotline.Storage.Tables;

namespace Hotline.Storage.Tests.Auth;

/// <summary>What goes on the wire, seen through a recording HTTP handler (no server needed).</summary>
public sealed class PipelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 4, 25, 3, TimeSpan.Zero);

    [Fact]
    public async Task Requests_are_dated_by_the_injected_clock_and_each_retry_is_dated_and_signed_afresh()
    {
        var clock = new ManualTimeProvider(Start);
        var handler = new RecordingHandler(n =>
        {
            clock.Now = Start.AddSeconds(n * 10);
            return n == 1
                ? RecordingHandler.Answer(HttpStatusCode.ServiceUnavailable)
                : RecordingHandler.Answer(HttpStatusCode.OK, ("x-ms-approximate-messages-count", "7"));
        });
        StorageAccount account = StorageAccount.Parse("UseDevelopmentStorage=true", Options(handler, clock));

        int count = await account.GetQueueClient("jobs").GetApproximateMessageCountAsync();

        Assert.Equal(7, count);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("Sun, 22 Nov 2026 04:25:03 GMT", handler.Requests[0].Headers["x-ms-date"]);
        Assert.Equal("Sun, 22 Nov 2026 04:25:13 GMT", handler.Requests[1].Headers["x-ms-date"]);
        Assert.NotEqual(handler.Requests[0].Headers["Authorization"], handler.Requests[1].Headers["Authorization"]);
        Assert.All(handler.Requests, r => Assert.Equal(ExpectedQueueAuthorization(r), r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Queue_requests_sign_the_headers_azure_core_adds()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.Created));
        StorageAccount account = StorageAccount.Parse("UseDevelopmentStorage=true", Options(handler));

        await account.GetQueueClient("jobs").CreateIfNotExistsAsync();

        RecordedRequest request = Assert.Single(handler.Requests);
        Assert.True(request.Headers.ContainsKey("x-ms-client-request-id"));
        Assert.Equal(ExpectedQueueAuthorization(request), request.Headers["Authorization"]);
    }

    [Fact]
    public async Task Table_requests_carry_the_json_and_odata_headers_and_a_shared_key_lite_signature()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.NoContent, ("ETag", "W/\"datetime'2026-11-22T04%3A24%3A24.8299626Z'\"")));
        StorageAccount account = StorageAccount.Parse("UseDevelopmentStorage=true", Options(handler, new ManualTimeProvider(Start)));

        ETag etag = await account.GetTableClient("orders").UpdateEntityAsync(new TableEntity("p 1", "r") { ["V"] = 1 }, ETag.All);

        RecordedRequest request = Assert.Single(handler.Requests);
        Assert.Equal("W/\"datetime'2026-11-22T04%3A24%3A24.8299626Z'\"", etag.Value);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/devstoreaccount1/orders(PartitionKey='p%201',RowKey='r')", request.Uri.AbsolutePath);
        Assert.Equal("*", request.Headers["If-Match"]);
        Assert.Equal("application/json;odata=minimalmetadata", request.Headers["Accept"].Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("2019-02-02", request.Headers["x-ms-version"]);
        Assert.Equal("3.0", request.Headers["DataServiceVersion"]);
        var key = new StorageSharedKey(StorageAccount.DevelopmentAccountName, StorageAccount.DevelopmentAccountKey);
        string expected = key.ComputeSignature("Sun, 22 Nov 2026 04:25:03 GMT\n/devstoreaccount1/devstoreaccount1/orders(PartitionKey='p%201',RowKey='r')");
        Assert.Equal($"SharedKeyLite devstoreaccount1:{expected}", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task Identity_based_accounts_send_a_bearer_token_for_the_storage_scope()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.OK, ("x-ms-approximate-messages-count", "0")));
        var credential = new StaticTokenCredential("token-123");
        StorageAccount account = StorageAccount.FromIdentity(
            new Uri("https://hotline.table.core.windows.net"), new Uri("https://hotline.queue.core.windows.net"), credential, Options(handler));

        await account.GetQueueClient("jobs").GetApproximateMessageCountAsync();

        RecordedRequest request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-123", request.Headers["Authorization"]);
        Assert.Equal(new Uri("https://hotline.queue.core.windows.net/jobs?comp=metadata"), request.Uri);
        Assert.True(request.Headers.ContainsKey("x-ms-date"));
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct());
        Assert.Equal("hotline", account.AccountName);
    }

    [Fact]
    public async Task A_real_pop_receipt_is_escaped_in_the_url_and_signed_decoded()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.NoContent));
        StorageAccount account = StorageAccount.Parse("UseDevelopmentStorage=true", Options(handler));

        await account.GetQueueClient("jobs").DeleteMessageAsync("id-1", "AgAAAAMAAAAAAAAA+vQ/=");

        RecordedRequest request = Assert.Single(handler.Requests);
        Assert.Equal("?popreceipt=AgAAAAMAAAAAAAAA%2BvQ%2F%3D", request.Uri.Query);
        Assert.Equal(ExpectedQueueAuthorization(request), request.Headers["Authorization"]);
    }

    private static StorageClientOptions Options(RecordingHandler handler, TimeProvider? clock = null)
    {
        var options = new StorageClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(handler)),
            TimeProvider = clock ?? TimeProvider.System,
        };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.Mode = RetryMode.Fixed;
        return options;
    }

    private static string ExpectedQueueAuthorization(RecordedRequest request)
    {
        var key = new StorageSharedKey(StorageAccount.DevelopmentAccountName, StorageAccount.DevelopmentAccountKey);
        long? length = request.Body.Length == 0 ? null : System.Text.Encoding.UTF8.GetByteCount(request.Body);
        string toSign = QueueSharedKeyPolicy.StringToSign(
            StorageAccount.DevelopmentAccountName,
            request.Method,
            request.Uri,
            request.Headers.Where(h => h.Key != "Authorization").Select(h => (h.Key, h.Value)),
            length);
        return $"SharedKey devstoreaccount1:{key.ComputeSignature(toSign)}";
    }
}
