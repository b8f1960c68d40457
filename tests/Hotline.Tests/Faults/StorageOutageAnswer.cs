namespace Hotline.Tests.Faults;

/// <summary>One submission of the storage-outage run: when it was sent, and what came back how fast.</summary>
public sealed record StorageOutageAnswer(
    string Phase,
    string Description,
    int Status,
    string? ContentType,
    string? RetryAfter,
    string? TicketId,
    TimeSpan Elapsed);
