using Microsoft.Extensions.Options;

namespace Hotline.Sms;

internal sealed class SmsOptionsValidator : IValidateOptions<SmsOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptions options)
    {
        var problems = new List<string>();
        if (options.Provider is not (SmsProviders.Outbox or SmsProviders.Twilio))
        {
            problems.Add($"Hotline:Sms:Provider must be '{SmsProviders.Outbox}' or '{SmsProviders.Twilio}'.");
        }

        if (options.SegmentBudget is < 1 or > SmsOptions.MaxSegmentBudget)
        {
            problems.Add($"Hotline:Sms:SegmentBudget must be between 1 and {SmsOptions.MaxSegmentBudget}.");
        }

        if (!IsTableName(options.OutboxTable))
        {
            problems.Add("Hotline:Sms:OutboxTable must be 3-63 letters or digits, starting with a letter.");
        }

        if (!IsTableName(options.LedgerTable))
        {
            problems.Add("Hotline:Sms:LedgerTable must be 3-63 letters or digits, starting with a letter.");
        }

        if (!IsTableName(options.RecentTable))
        {
            problems.Add("Hotline:Sms:RecentTable must be 3-63 letters or digits, starting with a letter.");
        }

        if (options.SameTextWindow < TimeSpan.FromMinutes(1) || options.SameTextWindow > TimeSpan.FromDays(7))
        {
            problems.Add("Hotline:Sms:SameTextWindow must be between 00:01:00 and 7.00:00:00.");
        }

        if (options.LedgerClaimTimeout <= TimeSpan.Zero)
        {
            problems.Add("Hotline:Sms:LedgerClaimTimeout must be positive.");
        }

        if (options.UnknownOutcomeCheckAfter < TimeSpan.FromMinutes(1) || options.UnknownOutcomeCheckAfter > TimeSpan.FromHours(1))
        {
            problems.Add("Hotline:Sms:UnknownOutcomeCheckAfter must be between 00:01:00 and 01:00:00.");
        }

        if (options.PhoneHashKey is not null && options.PhoneHashKey.Length < 16)
        {
            problems.Add("Hotline:Sms:PhoneHashKey must be at least 16 characters.");
        }
        else if (options.PhoneHashKey is null && options.Provider == SmsProviders.Twilio)
        {
            problems.Add("Hotline:Sms:PhoneHashKey is required with the Twilio provider.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    // https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#table-names
    private static bool IsTableName(string? name) =>
        name is { Length: >= 3 and <= 63 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
