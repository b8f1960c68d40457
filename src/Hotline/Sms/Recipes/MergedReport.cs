namespace Hotline.Sms.Recipes;

/// <summary>A repeat report joined to the caller's open case (并单): the text goes to the phone that reported it, in its language.</summary>
public sealed record MergedReport(string TicketId, string Phone, string Language, DateTimeOffset MergedAt);
