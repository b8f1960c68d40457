using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hotline.Storage.Http;

/// <summary>An Azure.Core pipeline for one storage service, with the service's API version.</summary>
internal sealed class StoragePipeline(HttpPipeline pipeline, string apiVersion)
{
    /// <summary>
    /// A request whose <paramref name="expected"/> statuses count as success, so that an expected 404 or 409 (as in
    /// CreateIfNotExists) is not logged by Azure.Core as a failed request. Retries still follow Azure.Core's rules.
    /// </summary>
    public HttpMessage CreateMessage(RequestMethod method, Uri uri, params ReadOnlySpan<ushort> expected)
    {
        HttpMessage message = pipeline.CreateMessage();
        message.ResponseClassifier = new StatusCodeClassifier(expected);
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("x-ms-version", apiVersion);
        return message;
    }

    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }
}
