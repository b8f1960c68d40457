using System.ComponentModel.DataAnnotations;

namespace Hotline.Storage;

/// <summary>
/// Names of the tables and queues, and how long the app waits for storage. Queue names must match the function.json files.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Hotline:Storage";

    /// <summary>Name of the connection (Functions convention: a connection string or identity settings under this prefix).</summary>
    public string Connection { get; set; } = "AzureWebJobsStorage";

    /// <summary>Prefixed to every table name; lets tests share one storage account without sharing data.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>Prefixed to every queue name; only tests set it, since function.json names the real queues.</summary>
    public string QueuePrefix { get; set; } = "";

    /// <summary>Create missing tables and queues at start (Bicep creates them in Azure; locally nothing else does).</summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// How long one try of one storage request may take (the SDK's NetworkTimeout, 100 s by default): a stalled
    /// connection fails this soon and is tried again, instead of holding a caller for minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:40")]
    public TimeSpan TryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries after the first, for a refused or timed-out request or a 408/429/5xx answer (the SDK's default is 3).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The wait before the first retry; it doubles for each one after (exponential back-off with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The Retry-After of the 503 a caller gets when storage cannot be reached within that bound.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest one storage call can take before it fails: every try at its time-out, and the back-off between
    /// them (the SDK draws each wait within ±20 % of its doubling delay).
    /// </summary>
    public TimeSpan CallBudget =>
        (TryTimeout * (MaxRetries + 1)) + (RetryDelay * 1.2 * ((1 << MaxRetries) - 1));
}
