using Azure;

namespace Hotline.FollowUp;

/// <summary>A follow-up whose time has come, as read from the <see cref="FollowUpIndex"/>.</summary>
/// <param name="Subject">What it is about: a ticket id for a case's follow-ups, a unit or officer id for others.</param>
/// <param name="Stage">Which step of the follow-up, when a kind has several (a reminder at 50 %, 80 %, 100 %).</param>
/// <param name="ClaimedUntil">Set while a sweep has handed it to <c>RunFollowUp</c>; another sweep leaves it alone until then.</param>
public sealed record DueFollowUp(
    string Kind,
    string RowKey,
    string Subject,
    string? Stage,
    DateTimeOffset DueAt,
    int Attempt,
    DateTimeOffset? ClaimedUntil,
    ETag ETag);
