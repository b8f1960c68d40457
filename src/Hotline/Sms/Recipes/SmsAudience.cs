namespace Hotline.Sms.Recipes;

/// <summary>Who reads a recipe's text, which decides its language and whether the recipient is part of its key.</summary>
public enum SmsAudience
{
    /// <summary>The caller of the case, in the case's language; one caller per case, so the key does not name them.</summary>
    Caller,

    /// <summary>Officers and unit heads, in Chinese; each gets a text of their own, so the key names the officer.</summary>
    Officer,
}
