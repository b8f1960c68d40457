namespace Hotline.Storage.Tables;

public enum TableUpdateMode
{
    /// <summary>Change the properties sent; keep the others.</summary>
    Merge,

    /// <summary>Replace the whole entity: properties not sent are removed.</summary>
    Replace,
}
