namespace Hotline.Intake;

/// <summary>The 202 answer to a submission.</summary>
public sealed record SubmissionReceipt(string TicketId, string TrackingCode, string Status, string StatusUrl, bool Merged = false);
