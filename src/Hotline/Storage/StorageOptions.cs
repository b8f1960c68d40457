namespace Hotline.Storage;

/// <summary>Names of the tables and queues. Queue names must match the function.json files.</summary>
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
}
