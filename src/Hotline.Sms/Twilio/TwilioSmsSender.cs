using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hotline.Sms.Phones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline.Sms.Twilio;

/// <summary>
/// Sends through Twilio's Messages API (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource)
/// over plain HTTP. Throttling, 5xx answers, timeouts and connection failures are retried with exponential back-off
/// and jitter, honouring Retry-After, a bounded number of times; then the send answers RetryLater so the queue
/// retries it later. Twilio's 4xx errors about the message (invalid or opted-out number…) are permanent and never retried.
/// </summary>
/// <remarks>
/// The per-attempt timeout is the HttpClient's own (<see cref="TwilioOptions.RequestTimeout"/>, set by AddHotlineSms).
/// Twilio has no idempotency key for message creation: a timeout after Twilio accepted the request can still
/// lead to a second text. Retries of a whole send (the queue's) are de-duplicated by the ledger instead.
/// </remarks>
public sealed partial class TwilioSmsSender(
    HttpClient http,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<TwilioSmsSender> logger) : ISmsSender
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

        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(sms, o, cancellationToken);
            if (!outcome.Retryable)
            {
                return outcome.Result;
            }

            var reason = outcome.Result.ErrorCode ?? "unknown";
            if (attempt >= o.MaxAttempts)
            {
                Log.GaveUp(logger, sms.MessageKey, to, attempt, reason);
                return outcome.Result;
            }

            var delay = Backoff(attempt, o);
            if (outcome.Result.RetryAfter is { } retryAfter)
            {
                if (retryAfter > o.MaxRetryDelay)
                {
                    Log.GaveUp(logger, sms.MessageKey, to, attempt, reason);
                    return outcome.Result;
                }

                delay = retryAfter > delay ? retryAfter : delay;
            }

            Log.Retrying(logger, sms.MessageKey, to, attempt, reason, delay);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private async Task<Outcome> AttemptAsync(OutgoingSms sms, TwilioOptions o, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesUri(o))
        {
            Content = new FormUrlEncodedContent(Form(sms, o)),
        };
        request.Headers.Authorization = BasicAuth(o);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Classify(sms, response, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation that the caller did not ask for.
            return Outcome.Retry(SmsSendResult.RetryLater(SmsErrorCodes.Timeout, "Twilio did not answer in time."));
        }
        catch (HttpRequestException ex)
        {
            return Outcome.Retry(SmsSendResult.RetryLater(SmsErrorCodes.ConnectionFailed, $"Twilio could not be reached ({ex.HttpRequestError})."));
        }
    }

    private Outcome Classify(OutgoingSms sms, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var to = PhoneMask.Mask(sms.To);
        if (response.IsSuccessStatusCode)
        {
            var (sid, messageStatus, segments) = ParseCreated(body);
            if (sid is null)
            {
                Log.NoSid(logger, sms.MessageKey, to, status);
            }

            Log.Sent(logger, sms.MessageKey, sms.Template, to, sid ?? "(none)", segments, messageStatus ?? "(none)");
            return Outcome.Done(new SmsSendResult(SmsSendStatus.Sent, sid, Segments: segments));
        }

        var error = TwilioError.Parse(body);
        var code = error.Code ?? $"http-{status}";
        var detail = PhoneMask.Redact(error.Message ?? response.ReasonPhrase);

        // 429 (Twilio 20429: "not processed, safe to retry") and 5xx are transient
        // (https://www.twilio.com/docs/api/errors/20429).
        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
        {
            return Outcome.Retry(SmsSendResult.RetryLater(code, detail, RetryAfter(response)));
        }

        // Bad credentials or account: nothing is wrong with the message, and every other message fails the same way,
        // so keep it for a later retry (and finally the poison queue) instead of marking cases failed.
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            Log.AccountRejected(logger, sms.MessageKey, status, code, error.MoreInfo);
            return Outcome.Done(SmsSendResult.RetryLater(code, detail));
        }

        if (status is >= 400 and < 500)
        {
            // 21211 invalid To, 21408 region not enabled, 21610 opted out (STOP), 21614 not a mobile, 21617 too long…
            // (https://www.twilio.com/docs/api/errors): retrying cannot help.
            Log.Rejected(logger, sms.MessageKey, to, status, code, detail, error.MoreInfo);
            return Outcome.Done(SmsSendResult.PermanentFailure(code, detail));
        }

        Log.Unexpected(logger, sms.MessageKey, to, status);
        return Outcome.Done(SmsSendResult.RetryLater(code, detail));
    }

    private static (string? Sid, string? Status, int? Segments) ParseCreated(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            var segments = int.TryParse(TwilioError.ReadScalar(root, "num_segments"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : (int?)null;
            return (TwilioError.ReadScalar(root, "sid"), TwilioError.ReadScalar(root, "status"), segments);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static List<KeyValuePair<string, string>> Form(OutgoingSms sms, TwilioOptions o)
    {
        var form = new List<KeyValuePair<string, string>> { new("To", sms.To) };
        form.Add(string.IsNullOrEmpty(o.MessagingServiceSid) ? new("From", o.From ?? string.Empty) : new("MessagingServiceSid", o.MessagingServiceSid));
        form.Add(new("Body", sms.Body));
        if (o.StatusCallbackUrl is not null)
        {
            form.Add(new("StatusCallback", o.StatusCallbackUrl.OriginalString));
        }

        if (o.ValidityPeriodSeconds is { } validity)
        {
            form.Add(new("ValidityPeriod", validity.ToString(CultureInfo.InvariantCulture)));
        }

        return form;
    }

    private static Uri MessagesUri(TwilioOptions o) =>
        new($"{o.BaseUrl.OriginalString.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(o.AccountSid ?? string.Empty)}/Messages.json");

    private static AuthenticationHeaderValue BasicAuth(TwilioOptions o)
    {
        // https://www.twilio.com/docs/usage/requests-to-twilio#http-basic-authentication
        var (user, secret) = o.UsesApiKey ? (o.ApiKeySid!, o.ApiKeySecret ?? string.Empty) : (o.AccountSid ?? string.Empty, o.AuthToken ?? string.Empty);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Exponential back-off with "equal jitter": half the step fixed, half random, so concurrent senders spread out.</summary>
    private static TimeSpan Backoff(int attempt, TwilioOptions o)
    {
        var step = o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(step, o.MaxRetryDelay.TotalMilliseconds);
        var half = (int)(capped / 2);
        return TimeSpan.FromMilliseconds(half + (half > 0 ? RandomNumberGenerator.GetInt32(half + 1) : 0));
    }

    private readonly record struct Outcome(SmsSendResult Result, bool Retryable)
    {
        public static Outcome Done(SmsSendResult result) => new(result, false);

        public static Outcome Retry(SmsSendResult result) => new(result, true);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SMS {MessageKey} [{Template}] to {To} accepted by Twilio as {Sid} ({Segments} segments, {Status})")]
        public static partial void Sent(ILogger logger, string messageKey, string template, string to, string sid, int? segments, string status);

        [LoggerMessage(2, LogLevel.Warning, "SMS {MessageKey} to {To}: attempt {Attempt} failed ({Reason}), retrying in {Delay}")]
        public static partial void Retrying(ILogger logger, string messageKey, string to, int attempt, string reason, TimeSpan delay);

        [LoggerMessage(3, LogLevel.Warning, "SMS {MessageKey} to {To}: giving up after {Attempts} attempt(s) ({Reason}); retry later")]
        public static partial void GaveUp(ILogger logger, string messageKey, string to, int attempts, string reason);

        [LoggerMessage(4, LogLevel.Warning, "SMS {MessageKey} to {To} rejected by Twilio: HTTP {Status}, error {ErrorCode}: {Detail} {MoreInfo}")]
        public static partial void Rejected(ILogger logger, string messageKey, string to, int status, string errorCode, string detail, string? moreInfo);

        [LoggerMessage(5, LogLevel.Error, "Twilio refused our account for SMS {MessageKey}: HTTP {Status}, error {ErrorCode} {MoreInfo}; check the Hotline:Sms:Twilio settings")]
        public static partial void AccountRejected(ILogger logger, string messageKey, int status, string errorCode, string? moreInfo);

        [LoggerMessage(6, LogLevel.Warning, "SMS {MessageKey} to {To} not sent: {Problem}")]
        public static partial void Invalid(ILogger logger, string messageKey, string to, string problem);

        [LoggerMessage(7, LogLevel.Warning, "SMS {MessageKey} to {To}: Twilio answered HTTP {Status} without a message SID")]
        public static partial void NoSid(ILogger logger, string messageKey, string to, int status);

        [LoggerMessage(8, LogLevel.Error, "SMS {MessageKey} to {To}: unexpected HTTP {Status} from Twilio")]
        public static partial void Unexpected(ILogger logger, string messageKey, string to, int status);
    }
}
