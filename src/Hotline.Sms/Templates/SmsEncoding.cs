namespace Hotline.Sms.Templates;

/// <summary>How a text travels over SMS (https://www.twilio.com/docs/glossary/what-is-gsm-7-character-encoding).</summary>
public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}
