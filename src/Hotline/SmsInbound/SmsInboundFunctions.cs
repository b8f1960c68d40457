using System.Text;
using System.Text.RegularExpressions;
using Hotline.Sms.Phones;
using Hotline.Sms.Twilio;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Hotline.SmsInbound;

/// <summary>
/// The ReceiveSms and SmsStatusCallback functions: Twilio's webhooks. Both are anonymous to the Functions host (Twilio
/// cannot send a function key); X-Twilio-Signature is their authentication, checked against the public URL Twilio
/// called (https://www.twilio.com/docs/usage/webhooks/webhooks-security). A request without a valid one gets 403.
/// </summary>
public sealed partial class SmsInboundFunctions(
    TwilioRequestValidator validator,
    InboundSmsHandler handler,
    DeliveryStatusRecorder deliveryStatuses,
    IOptions<SmsInboundOptions> options,
    TimeProvider time,
    ILogger<SmsInboundFunctions> logger)
{
    [Function(nameof(ReceiveSms))]
    public async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveSms(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sms/inbound")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (form, problem) = await TwilioWebhookForm.ReadSignedAsync(request, validator, options.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var sid = Field(form!, "MessageSid") ?? Field(form!, "SmsSid");
        if (sid is null || !MessageSid().IsMatch(sid) || !PhoneNumber.TryNormalize(Field(form!, "From"), out var from))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an inbound SMS", detail: "MessageSid and a From phone number are required.");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["MessageSid"] = sid });
        var body = (Field(form!, "Body") ?? "").Trim();
        var sms = new InboundSms(sid, from, body, MessageLanguage.Guess(body));

        // Twilio gives up after 15 s; an answer that cannot be worked out in the budget is a 503 (its fallback URL,
        // if any, takes over), and the claim left unfinished lets a repeat delivery finish the work.
        using var budget = new CancellationTokenSource(options.Value.AnswerBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var twiml = await handler.AnswerAsync(sms, linked.Token);
            return TypedResults.Text(twiml, "text/xml", Encoding.UTF8);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogOverBudget(logger, options.Value.AnswerBudget);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again", detail: "The text could not be answered in time.");
        }
    }

    [Function(nameof(SmsStatusCallback))]
    public async Task<Results<NoContent, ProblemHttpResult>> SmsStatusCallback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sms/status")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (form, problem) = await TwilioWebhookForm.ReadSignedAsync(request, validator, options.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var sid = Field(form!, "MessageSid") ?? Field(form!, "SmsSid");
        if (sid is null || !MessageSid().IsMatch(sid))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a status callback", detail: "MessageSid is required.");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["MessageSid"] = sid });
        await deliveryStatuses.RecordAsync(
            sid,
            Field(form!, "MessageStatus") ?? Field(form!, "SmsStatus"),
            Field(form!, "ErrorCode"),
            Field(form!, "To"),
            cancellationToken);
        return TypedResults.NoContent();
    }

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    // "SM"/"MM" and 32 hex digits (https://www.twilio.com/docs/messaging/api/message-resource); also a safe table key.
    [GeneratedRegex("^[A-Z]{2}[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MessageSid();

    [LoggerMessage(Level = LogLevel.Error, Message = "An inbound SMS could not be answered within {Budget}; answered 503")]
    private static partial void LogOverBudget(ILogger logger, TimeSpan budget);
}
