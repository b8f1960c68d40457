namespace Hotline.FollowUp;

/// <summary>The message on the follow-ups queue: one due row of the <see cref="FollowUpIndex"/> to handle.</summary>
public sealed record FollowUpMessage(string Kind, string RowKey);
