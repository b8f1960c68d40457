using Azure.Core;
using Azure.Core.Pipeline;

namespace Hotline.Storage.Auth;

/// <summary>
/// Table service SharedKeyLite: what the current Azure SDKs use; neither the body nor Content-Type is signed.
/// https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key#shared-key-lite-and-table-service-format-for-2009-09-19-and-later
/// </summary>
internal sealed class TableSharedKeyLitePolicy(StorageSharedKey key) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        Request request = message.Request;
        string date = request.Headers.TryGetValue(StorageDatePolicy.HeaderName, out string? value)
            ? value
            : throw new InvalidOperationException("The request has no x-ms-date header to sign.");
        string signature = key.ComputeSignature(StringToSign(key.AccountName, date, request.Uri.ToUri()));
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKeyLite {key.AccountName}:{signature}");
    }

    /// <summary>date \n /account/path[?comp=x]; no other query parameter is signed.</summary>
    internal static string StringToSign(string accountName, string date, Uri uri)
    {
        string resource = CanonicalResource.Base(accountName, uri);
        string? comp = CanonicalResource.QueryParameters(uri)
            .Where(p => string.Equals(p.Name, "comp", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Value)
            .FirstOrDefault();
        return comp is null ? $"{date}\n{resource}" : $"{date}\n{resource}?comp={comp}";
    }
}
