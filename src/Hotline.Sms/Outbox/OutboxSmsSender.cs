using Azure;
using Azure.Data.Tables;
using Hotline.Sms.Phones;
using Hotline.Sms.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Outbox;

/// <summary>
/// The local provider: records each message in a table and prints it, sending nothing. The same message key is
/// recorded and printed once. The recipient is stored masked and hashed, never in clear; the printed body has its
/// phone-like numbers masked.
/// </summary>
public sealed partial class OutboxSmsSender(TableClient table, PhoneHash phoneHash, TimeProvider time, ILogger<OutboxSmsSender> logger) : ISmsSender
{
    public async Task<SmsSendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var to = PhoneMask.Mask(sms.To);
        var problem = sms.Problem();
        if (problem is not null)
        {
            Log.Invalid(logger, sms.MessageKey, to, problem);
            return SmsSendResult.PermanentFailure(SmsErrorCodes.InvalidMessage, problem);
        }

        var segments = SmsSegments.Analyze(sms.Body);
        var entity = new TableEntity(SmsTableKeys.PartitionKey(sms.MessageKey), SmsTableKeys.RowKey)
        {
            ["MessageKey"] = sms.MessageKey,
            ["To"] = to,
            ["ToHash"] = phoneHash.Compute(sms.To),
            ["Template"] = sms.Template,
            ["Language"] = sms.Language,
            ["Body"] = sms.Body,
            ["Segments"] = segments.Segments,
            ["Encoding"] = segments.Encoding.ToString(),
            ["CreatedAt"] = time.GetUtcNow(),
        };

        var id = "outbox:" + sms.MessageKey;
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            Log.Duplicate(logger, sms.MessageKey, to);
            return SmsSendResult.Sent(id, segments.Segments);
        }

        // The body quotes the caller's report, and callers write phone numbers into it.
        Log.Recorded(logger, to, sms.Template, PhoneMask.Redact(sms.Body));
        return SmsSendResult.Sent(id, segments.Segments);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SMS → {To} [{Template}] {Body}")]
        public static partial void Recorded(ILogger logger, string to, string template, string body);

        [LoggerMessage(2, LogLevel.Debug, "SMS {MessageKey} to {To} is already in the outbox; not recorded again")]
        public static partial void Duplicate(ILogger logger, string messageKey, string to);

        [LoggerMessage(3, LogLevel.Warning, "SMS {MessageKey} to {To} not recorded: {Problem}")]
        public static partial void Invalid(ILogger logger, string messageKey, string to, string problem);
    }
}
