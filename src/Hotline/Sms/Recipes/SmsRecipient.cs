namespace Hotline.Sms.Recipes;

/// <summary>One phone a recipe's text goes to.</summary>
/// <param name="Id">The officer's directory id (a part of an officer text's key); <see cref="CallerId"/> for the caller.</param>
public sealed record SmsRecipient(string Id, string Phone)
{
    public const string CallerId = "caller";

    /// <summary>The caller, when they gave a phone.</summary>
    public static IEnumerable<SmsRecipient> Caller(string? phone) => phone is null ? [] : [new SmsRecipient(CallerId, phone)];
}
