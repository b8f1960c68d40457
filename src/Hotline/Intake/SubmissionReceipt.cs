namespace Hotline.Intake;

/// <summary>
/// The 202 answer to a submission. A report merged into the caller's open case carries no ticket id, code or link:
/// anyone can type a phone number, so the existing ticket goes only to that phone, by text.
/// </summary>
public sealed record SubmissionReceipt(string? TicketId, string? TrackingCode, string Status, string? StatusUrl, bool Merged = false, string? Message = null)
{
    public const string MergedStatus = "merged";

    public static SubmissionReceipt ForMerged() => new(null, null, MergedStatus, null, Merged: true,
        Message: "Added to your open case of the same kind; its ticket number was texted to the phone you gave.");
}
