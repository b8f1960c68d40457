using System.Security.Cryptography;
using System.Text;

namespace Hotline.Storage.Auth;

/// <summary>An account name and its key; signs strings as the Shared Key schemes require.</summary>
internal sealed class StorageSharedKey
{
    private readonly byte[] key;

    public StorageSharedKey(string accountName, string base64Key)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(base64Key);
        AccountName = accountName;
        try
        {
            key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException e)
        {
            throw new FormatException("The storage account key is not valid base64.", e);
        }
    }

    public string AccountName { get; }

    // https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key
    public string ComputeSignature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
}
