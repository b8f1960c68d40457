namespace Hotline.Storage.Auth;

/// <summary>The parts of a request URL that the Shared Key schemes sign.</summary>
internal static class CanonicalResource
{
    /// <summary>
    /// "/" + account + the path exactly as sent (still percent-encoded). With emulator path-style URLs the account
    /// therefore appears twice (/devstoreaccount1/devstoreaccount1/Tables), which is what the service expects.
    /// </summary>
    public static string Base(string accountName, Uri uri) => "/" + accountName + uri.AbsolutePath;

    /// <summary>The query parameters, names and values URL-decoded.</summary>
    public static IEnumerable<(string Name, string Value)> QueryParameters(Uri uri)
    {
        string query = uri.Query;
        if (query.Length <= 1)
        {
            yield break;
        }

        foreach (string pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? pair : pair[..eq];
            string value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            yield return (Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
    }
}
