using Azure;

namespace Hotline.Callback;

/// <summary>A survey sent to a phone and not yet over: its case, the resolution it asks about, and the answer once one came.</summary>
/// <param name="SentAt">When the survey fell due and was queued; the latest one sent is the one a bare digit answers.</param>
/// <param name="AnsweredBy">The MessageSid of the text that rated it, so a repeat delivery of that text finishes the same rating.</param>
public sealed record PendingSurvey(
    string TicketId,
    string Round,
    string Language,
    DateTimeOffset SentAt,
    DateTimeOffset ExpiresAt,
    string? AnsweredBy,
    int? Rating,
    ETag ETag);
