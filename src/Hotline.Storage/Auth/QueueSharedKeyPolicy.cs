using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hotline.Storage.Auth;

/// <summary>
/// Queue (Blob/File) service Shared Key: every x-ms-* header is signed, including the ones Azure.Core adds
/// (x-ms-client-request-id, x-ms-return-client-request-id), so this must run after all header-adding policies.
/// https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key#blob-queue-and-file-services-shared-key-authorization
/// </summary>
internal sealed class QueueSharedKeyPolicy(StorageSharedKey key) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        Request request = message.Request;
        long? length = request.Content is { } content && content.TryComputeLength(out long n) ? n : null;
        string stringToSign = StringToSign(
            key.AccountName,
            request.Method.Method,
            request.Uri.ToUri(),
            request.Headers.Select(h => (h.Name, h.Value)),
            length);
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {key.AccountName}:{key.ComputeSignature(stringToSign)}");
    }

    internal static string StringToSign(
        string accountName,
        string method,
        Uri uri,
        IEnumerable<(string Name, string Value)> headers,
        long? contentLength)
    {
        var all = headers.ToList();
        string Header(string name) =>
            all.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;

        var sb = new StringBuilder();
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(Header("Content-Encoding")).Append('\n');
        sb.Append(Header("Content-Language")).Append('\n');
        // Since 2015-02-21 a zero length is signed as an empty string.
        sb.Append(contentLength is > 0 ? contentLength.Value.ToString(CultureInfo.InvariantCulture) : string.Empty).Append('\n');
        sb.Append(Header("Content-MD5")).Append('\n');
        sb.Append(Header("Content-Type")).Append('\n');
        // Date stays empty: x-ms-date is always sent and is signed below.
        sb.Append('\n');
        sb.Append(Header("If-Modified-Since")).Append('\n');
        sb.Append(Header("If-Match")).Append('\n');
        sb.Append(Header("If-None-Match")).Append('\n');
        sb.Append(Header("If-Unmodified-Since")).Append('\n');
        sb.Append(Header("Range")).Append('\n');

        foreach (var header in all
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .GroupBy(h => h.Name.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append(header.Key).Append(':').AppendJoin(',', header.Select(h => h.Value.Trim())).Append('\n');
        }

        sb.Append(CanonicalResource.Base(accountName, uri));
        foreach (var parameter in CanonicalResource.QueryParameters(uri)
            .GroupBy(p => p.Name.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(parameter.Key).Append(':')
                .AppendJoin(',', parameter.Select(p => p.Value).Order(StringComparer.Ordinal));
        }

        return sb.ToString();
    }
}
