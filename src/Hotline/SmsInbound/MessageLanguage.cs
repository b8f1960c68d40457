using Hotline.Sms.Templates;

namespace Hotline.SmsInbound;

/// <summary>
/// Guesses the language of a text for its reply (SPEC "SMS": English for a caller who wrote English): any Chinese
/// character makes it Chinese, Latin letters without one make it English, anything else (digits only) the default.
/// </summary>
public static class MessageLanguage
{
    public static string Guess(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return SmsLanguage.Chinese;
        }

        var latin = false;
        foreach (var c in text)
        {
            if (c is (>= '\u4e00' and <= '\u9fff') or (>= '\u3400' and <= '\u4dbf') or (>= '\u3000' and <= '\u303f') or (>= '\uff00' and <= '\uffef'))
            {
                return SmsLanguage.Chinese;
            }

            latin |= char.IsAsciiLetter(c);
        }

        // "TD" is the Chinese operators' unsubscribe word (退订), written in Latin letters.
        return latin && !text.Trim().Equals("TD", StringComparison.OrdinalIgnoreCase) ? SmsLanguage.English : SmsLanguage.Chinese;
    }
}
