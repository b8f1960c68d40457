using System.Diagnostics;

namespace Hotline.Benchmarks;

/// <summary>The Twilio HttpClient's round trips, into the same list as the storage calls.</summary>
internal sealed class RecordingHandler(StorageCallRecorder recorder, string service) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        recorder.Add(new StorageCall($"{service} {request.Method} {request.RequestUri?.AbsolutePath.Split('/').LastOrDefault()}", start, Stopwatch.GetTimestamp(), (int)response.StatusCode));
        return response;
    }
}
