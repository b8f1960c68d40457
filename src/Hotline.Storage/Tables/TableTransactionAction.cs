namespace Hotline.Storage.Tables;

/// <summary>One operation of an entity group transaction. <see cref="IfMatch"/> applies to updates and deletes (default: any version).</summary>
public sealed record TableTransactionAction(TableTransactionActionType Type, TableEntity Entity, ETag IfMatch = default);
