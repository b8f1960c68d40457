namespace Hotline.Sms.Templates;

/// <param name="Encoding">GSM-7 when every character is in the GSM 03.38 alphabet, otherwise UCS-2.</param>
/// <param name="Units">Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2.</param>
/// <param name="Segments">Billable parts; 0 for an empty text.</param>
public readonly record struct SmsSegmentInfo(SmsEncoding Encoding, int Units, int Segments);
