using System.Globalization;
using Hotline.Sms.Phones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using SystemNetHttpClient = Twilio.Http.SystemNetHttpClient;
using TwilioPhoneNumber = Twilio.Types.PhoneNumber;

namespace Hotline.Sms.Twilio;

/// <summary>
/// Sends through the Twilio SDK (<see cref="MessageResource.CreateAsync(CreateMessageOptions, ITwilioRestClient)"/>),
/// once per call: retries belong to the queue (SendSms re-queues with back-off), and Twilio has no idempotency key,
/// so a retry here could send a second text. Each failure is sorted by whether the text may have gone out:
/// Twilio's answer says so (429 and 5xx: not taken, <see cref="SmsSendStatus.RetryLater"/>; 4xx about the message:
/// <see cref="SmsSendStatus.PermanentFailure"/>); a connection that never opened is RetryLater; no answer after the
/// request went out (a timeout, a connection lost mid-request) is <see cref="SmsSendStatus.Unknown"/>, which the ledger
/// settles later by asking Twilio for the message (<see cref="FindAsync"/>) before it sends again.
/// </summary>
/// <remarks>
/// The SDK takes no cancellation token: the call is bounded by the HttpClient's timeout
/// (<see cref="TwilioOptions.RequestTimeout"/>, set by AddHotlineSms), and the caller's token is honoured only before it.
/// </remarks>
public sealed partial class TwilioSmsSender(ITwilioRestClient client, IOptions<TwilioOptions> options, ILogger<TwilioSmsSender> logger) : ISmsSender, ISentSmsLookup
{
    /// <summary>
    /// Messages read per lookup: one page, newest first. A phone gets a handful of texts from us in the minutes a lookup
    /// covers, so our text is on the first page; a page that a busy phone fills is still far from Twilio's limit (1,000).
    /// </summary>
    internal const int LookupPageSize = 100;

    /// <summary>The IHttpClientFactory client the SDK sends through (tests add a handler that redirects it to a local server).</summary>
    public const string HttpClientName = "Twilio";

    /// <summary>A REST client on <paramref name="http"/>, authenticated with the API key when one is set, else the auth token.</summary>
    internal static TwilioRestClient CreateClient(TwilioOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (user, secret) = options.UsesApiKey ? (options.ApiKeySid, options.ApiKeySecret) : (options.AccountSid, options.AuthToken);
        return new TwilioRestClient(user, secret, options.AccountSid, httpClient: new SystemNetHttpClient(http));
    }

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

        cancellationToken.ThrowIfCancellationRequested();
        var request = Request(sms, options.Value);
        try
        {
            var message = await MessageResource.CreateAsync(request, client);
            var segments = int.TryParse(message.NumSegments, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
            Log.Sent(logger, sms.MessageKey, sms.Template, to, message.Sid, segments, message.Status?.ToString() ?? "(none)");
            return SmsSendResult.Sent(message.Sid, segments);
        }
        catch (ApiException ex)
        {
            return Answered(sms, to, ex.Status, ex.Code, ex.Message, ex.MoreInfo);
        }
        catch (ApiStandardException ex)
        {
            return Answered(sms, to, ex.Status, ex.Code, ex.Detail ?? ex.Title ?? ex.Message, ex.Type);
        }
        catch (ApiConnectionException ex)
        {
            return NoAnswer(sms, to, ex);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or TwilioException)
        {
            // A success whose body the SDK could not read: Twilio may well have taken the message.
            Log.OutcomeUnknown(logger, sms.MessageKey, to, SmsErrorCodes.ConnectionLost, ex.GetType().Name);
            return SmsSendResult.Unknown(SmsErrorCodes.ConnectionLost, "Twilio's answer could not be read.");
        }
    }

    /// <summary>
    /// Lists the messages to the phone from our number (or our Messaging Service) with
    /// <see cref="MessageResource.ReadAsync(ReadMessageOptions, ITwilioRestClient)"/>, and looks on the first page for one
    /// created at or after <paramref name="since"/> with our body. No DateSent filter: Twilio's date filters are on
    /// date_sent, which a message still queued at Twilio has not got yet.
    /// </summary>
    public async Task<SmsLookupResult> FindAsync(OutgoingSms sms, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        cancellationToken.ThrowIfCancellationRequested();
        var o = options.Value;
        var to = PhoneMask.Mask(sms.To);
        var read = new ReadMessageOptions { To = new TwilioPhoneNumber(sms.To), PageSize = LookupPageSize };
        if (string.IsNullOrEmpty(o.MessagingServiceSid))
        {
            read.From = new TwilioPhoneNumber(o.From);
        }

        try
        {
            var messages = await MessageResource.ReadAsync(read, client);

            // The SDK fetches further pages synchronously, on this thread: the first page is enough (see LookupPageSize).
            messages.AutoPaging = false;
            foreach (var message in messages)
            {
                if (!string.Equals(message.Body, sms.Body, StringComparison.Ordinal)
                    || (!string.IsNullOrEmpty(o.MessagingServiceSid) && message.MessagingServiceSid != o.MessagingServiceSid)
                    || (message.DateCreated is { } created && AsUtc(created) < since))
                {
                    continue;
                }

                var segments = int.TryParse(message.NumSegments, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
                var status = message.Status?.ToString() ?? "(none)";
                Log.Found(logger, sms.MessageKey, to, message.Sid, status);
                return SmsLookupResult.Found(message.Sid, status, segments);
            }

            Log.NotFound(logger, sms.MessageKey, to);
            return SmsLookupResult.NotFound;
        }
        catch (ApiException ex)
        {
            return LookupFailed(sms, to, ex.Code != 0 ? ex.Code.ToString(CultureInfo.InvariantCulture) : $"http-{ex.Status}", ex.Message);
        }
        catch (ApiStandardException ex)
        {
            return LookupFailed(sms, to, ex.Code.ToString(CultureInfo.InvariantCulture), ex.Detail ?? ex.Title ?? ex.Message);
        }
        catch (Exception ex) when (ex is ApiConnectionException or Newtonsoft.Json.JsonException or TwilioException)
        {
            return LookupFailed(sms, to, SmsErrorCodes.LookupFailed, ex.GetType().Name);
        }
    }

    /// <summary>The SDK reads Twilio's RFC 2822 dates into a DateTime of the reader's choosing: make it UTC.</summary>
    private static DateTimeOffset AsUtc(DateTime value) =>
        new(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime());

    private SmsLookupResult LookupFailed(OutgoingSms sms, string to, string errorCode, string detail)
    {
        Log.LookupFailed(logger, sms.MessageKey, to, errorCode);
        return SmsLookupResult.Failed(errorCode, PhoneMask.Redact(detail));
    }

    private SmsSendResult Answered(OutgoingSms sms, string to, int status, int code, string? message, string? moreInfo)
    {
        // Status 0: the SDK could not read an error body (e.g. a proxy's HTML page); the code is the HTTP status then.
        var errorCode = code != 0 ? code.ToString(CultureInfo.InvariantCulture) : $"http-{(status != 0 ? status : "unknown")}";
        var detail = PhoneMask.Redact(message ?? string.Empty);

        // 429 (Twilio 20429: "not processed, safe to retry", https://www.twilio.com/docs/api/errors/20429) and 5xx
        // are transient; an answer the SDK could not read at all is treated the same way.
        if (status is 429 or >= 500 or 0)
        {
            Log.NotTaken(logger, sms.MessageKey, to, status, errorCode);
            return SmsSendResult.RetryLater(errorCode, detail);
        }

        // Bad credentials or account: nothing is wrong with the message, and every other message fails the same way,
        // so keep it for a later retry (and finally the poison queue) instead of marking cases failed.
        if (status is 401 or 403 or 404)
        {
            Log.AccountRejected(logger, sms.MessageKey, status, errorCode, moreInfo);
            return SmsSendResult.RetryLater(errorCode, detail);
        }

        // 21211 invalid To, 21408 region not enabled, 21610 opted out (STOP), 21614 not a mobile, 21617 too long…
        // (https://www.twilio.com/docs/api/errors): retrying cannot help.
        Log.Rejected(logger, sms.MessageKey, to, status, errorCode, detail, moreInfo);
        return SmsSendResult.PermanentFailure(errorCode, detail);
    }

    private SmsSendResult NoAnswer(OutgoingSms sms, string to, ApiConnectionException ex)
    {
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            // These fail before a byte of the request is sent (name lookup, TCP connect, TLS handshake, proxy tunnel).
            if (inner is HttpRequestException
                {
                    HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                        or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
                } notSent)
            {
                Log.Unreachable(logger, sms.MessageKey, to, notSent.HttpRequestError.ToString());
                return SmsSendResult.RetryLater(SmsErrorCodes.ConnectionFailed, $"Twilio could not be reached ({notSent.HttpRequestError}).");
            }

            if (inner is TimeoutException or OperationCanceledException)
            {
                // HttpClient.Timeout: the caller's token is not passed to the SDK, so a cancellation is the timeout.
                Log.OutcomeUnknown(logger, sms.MessageKey, to, SmsErrorCodes.Timeout, inner.GetType().Name);
                return SmsSendResult.Unknown(SmsErrorCodes.Timeout, "Twilio did not answer in time; the text may have gone out.");
            }
        }

        Log.OutcomeUnknown(logger, sms.MessageKey, to, SmsErrorCodes.ConnectionLost, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
        return SmsSendResult.Unknown(SmsErrorCodes.ConnectionLost, "The connection to Twilio failed after the request went out; the text may have gone out.");
    }

    private static CreateMessageOptions Request(OutgoingSms sms, TwilioOptions o)
    {
        var request = new CreateMessageOptions(new TwilioPhoneNumber(sms.To)) { Body = sms.Body };
        if (string.IsNullOrEmpty(o.MessagingServiceSid))
        {
            request.From = new TwilioPhoneNumber(o.From);
        }
        else
        {
            request.MessagingServiceSid = o.MessagingServiceSid;
        }

        request.StatusCallback = o.StatusCallbackUrl;
        request.ValidityPeriod = o.ValidityPeriodSeconds;
        return request;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SMS {MessageKey} [{Template}] to {To} accepted by Twilio as {Sid} ({Segments} segments, {Status})")]
        public static partial void Sent(ILogger logger, string messageKey, string template, string to, string sid, int? segments, string status);

        [LoggerMessage(2, LogLevel.Warning, "SMS {MessageKey} to {To} not taken by Twilio: HTTP {Status}, error {ErrorCode}; retry later")]
        public static partial void NotTaken(ILogger logger, string messageKey, string to, int status, string errorCode);

        [LoggerMessage(3, LogLevel.Warning, "SMS {MessageKey} to {To}: Twilio could not be reached ({Reason}); retry later")]
        public static partial void Unreachable(ILogger logger, string messageKey, string to, string reason);

        [LoggerMessage(4, LogLevel.Warning, "SMS {MessageKey} to {To} rejected by Twilio: HTTP {Status}, error {ErrorCode}: {Detail} {MoreInfo}")]
        public static partial void Rejected(ILogger logger, string messageKey, string to, int status, string errorCode, string detail, string? moreInfo);

        [LoggerMessage(5, LogLevel.Error, "Twilio refused our account for SMS {MessageKey}: HTTP {Status}, error {ErrorCode} {MoreInfo}; check the Hotline:Sms:Twilio settings")]
        public static partial void AccountRejected(ILogger logger, string messageKey, int status, string errorCode, string? moreInfo);

        [LoggerMessage(6, LogLevel.Warning, "SMS {MessageKey} to {To} not sent: {Problem}")]
        public static partial void Invalid(ILogger logger, string messageKey, string to, string problem);

        [LoggerMessage(7, LogLevel.Warning, "SMS {MessageKey} to {To}: no answer from Twilio after the request went out ({ErrorCode}, {Exception}); it may have been sent, so Twilio is asked before any new send")]
        public static partial void OutcomeUnknown(ILogger logger, string messageKey, string to, string errorCode, string exception);

        [LoggerMessage(8, LogLevel.Information, "SMS {MessageKey} to {To}: Twilio has the message as {Sid} ({Status})")]
        public static partial void Found(ILogger logger, string messageKey, string to, string sid, string status);

        [LoggerMessage(9, LogLevel.Information, "SMS {MessageKey} to {To}: Twilio has no such message")]
        public static partial void NotFound(ILogger logger, string messageKey, string to);

        [LoggerMessage(10, LogLevel.Warning, "SMS {MessageKey} to {To}: Twilio's message list could not be read ({ErrorCode})")]
        public static partial void LookupFailed(ILogger logger, string messageKey, string to, string errorCode);
    }
}
