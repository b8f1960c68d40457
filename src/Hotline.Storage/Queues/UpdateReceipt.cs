namespace Hotline.Storage.Queues;

/// <summary>The result of an update: the old pop receipt is no longer valid, use this one.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleTime);
