namespace Hotline.Benchmarks;

/// <summary>A text as the raw SendSms floor sends it, with every key worked out beforehand.</summary>
internal sealed record RawText(string MessageKey, string To, string ToHash, string Template, string Language, string Body, string BodyHash);
