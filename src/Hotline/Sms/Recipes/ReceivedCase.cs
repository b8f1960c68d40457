using Hotline.Cases;

namespace Hotline.Sms.Recipes;

/// <summary>A case just stored, with what the caller needs to follow it (the code is never stored in clear, so it comes from intake).</summary>
public sealed record ReceivedCase(CaseRecord Case, string TrackingCode, string StatusUrl);
