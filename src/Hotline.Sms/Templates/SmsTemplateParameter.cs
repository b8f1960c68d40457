namespace Hotline.Sms.Templates;

/// <param name="Name">Placeholder name, written {name} in the template text.</param>
/// <param name="Shortenable">Free text (summary, note, unit name…) that may be cut with an ellipsis to fit the segment budget.</param>
/// <param name="Lookup">Name of a catalogue lookup that turns a code (status, category…) into words of the message language.</param>
public sealed record SmsTemplateParameter(string Name, bool Shortenable = false, string? Lookup = null);
