using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hotline.Benchmarks;

/// <summary>
/// Records every round trip the storage clients (a policy per try, so a retry counts) and the Twilio HttpClient (a
/// handler) make while <see cref="Recording"/> is on: the benchmark counts the calls one invocation makes and sees
/// which overlap (made at once) and which follow one another, and holds its raw floor to the same list.
/// </summary>
internal sealed partial class StorageCallRecorder : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private readonly List<StorageCall> _calls = [];
    private volatile bool _recording;

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>The calls recorded since the last <see cref="Take"/>, in the order they started, and forgets them.</summary>
    public IReadOnlyList<StorageCall> Take()
    {
        lock (_gate)
        {
            var calls = _calls.OrderBy(c => c.Start).ToList();
            _calls.Clear();
            return calls;
        }
    }

    public void Add(StorageCall call)
    {
        if (_recording)
        {
            lock (_gate)
            {
                _calls.Add(call);
            }
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var start = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        Record(message, start);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var start = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Record(message, start);
    }

    private void Record(HttpMessage message, long start)
    {
        var end = Stopwatch.GetTimestamp();
        if (_recording)
        {
            Add(new StorageCall(Describe(message), start, end, message.Response.Status));
        }
    }

    /// <summary>"table GET cases entity", "table $batch cases ×2 (PUT,POST)", "queue POST sms-outbound": the table or queue, the verb and the shape, never a key.</summary>
    private static string Describe(HttpMessage message)
    {
        var request = message.Request;
        var path = request.Uri.Path;
        var method = request.Method.ToString();
        if (path.EndsWith("/messages", StringComparison.Ordinal))
        {
            var queue = path[..^"/messages".Length];
            return $"queue {method} {queue[(queue.LastIndexOf('/') + 1)..]}";
        }

        var resource = path[(path.LastIndexOf('/') + 1)..];
        if (resource == "$batch")
        {
            var body = Body(request);
            var lines = ActionLine().Matches(body);
            var tables = lines.Select(m => m.Groups[2].Value).Distinct().ToList();
            var verbs = string.Join(",", lines.Select(m => m.Groups[1].Value).Distinct());
            return $"table $batch {string.Join("+", tables)} ×{lines.Count} ({verbs})";
        }

        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        var table = paren < 0 ? resource : resource[..paren];
        var shape = paren >= 0 && resource.Length > paren + 2 ? "entity"
            : request.Uri.Query.Contains("filter", StringComparison.Ordinal) ? "query"
            : "table";
        var conditional = request.Headers.TryGetValue("If-Match", out var match) ? (match == "*" ? " if-match *" : " if-match etag") : "";
        return $"table {method} {table} {shape}{conditional}";
    }

    private static string Body(Request request)
    {
        if (request.Content is not { } content)
        {
            return "";
        }

        using var body = new MemoryStream();
        content.WriteTo(body, CancellationToken.None);
        return Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }

    // Each action of a changeset is a request line of its own: "PUT http://host/account/table(PartitionKey=…".
    [GeneratedRegex(@"^(POST|PUT|PATCH|MERGE|DELETE) https?://[^/]+/[^/]+/([A-Za-z0-9]+)", RegexOptions.Multiline)]
    private static partial Regex ActionLine();
}
