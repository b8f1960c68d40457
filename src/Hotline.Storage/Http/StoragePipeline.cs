using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hotline.Storage.Http;

/// <summary>An Azure.Core pipeline for one storage service, with the service's API version.</summary>
internal sealed class StoragePipeline(HttpPipeline pipeline, string apiVersion)
{
    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        HttpMessage message = pipeline.CreateMessage();
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
