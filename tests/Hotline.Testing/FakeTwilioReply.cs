namespace Hotline.Testing;

/// <summary>
/// What <see cref="FakeTwilioServer"/> answers to the next well-formed message request. Error replies use Twilio's
/// codes and JSON body (https://www.twilio.com/docs/api/errors); "{To}" in <see cref="Message"/> becomes the request's To.
/// </summary>
/// <param name="Delay">Wait this long before answering (to outlast a client timeout); the wait ends when the client gives up.</param>
/// <param name="DropConnection">Record the request as answered with <paramref name="StatusCode"/>, then drop the connection without answering.</param>
/// <param name="CreateBeforeDelay">
/// With a 201 and a <paramref name="Delay"/>: the message is created when the request arrives, and stays created when
/// the client gives up before the answer (Twilio works on). Without it, a client that gives up first leaves nothing.
/// </param>
public sealed record FakeTwilioReply(
    int StatusCode,
    int? ErrorCode = null,
    string? Message = null,
    TimeSpan? RetryAfter = null,
    TimeSpan Delay = default,
    bool DropConnection = false,
    bool CreateBeforeDelay = false)
{
    public static FakeTwilioReply Created { get; } = new(201);

    /// <summary>Twilio 20429: too many concurrent requests, not processed (https://www.twilio.com/docs/api/errors/20429).</summary>
    public static FakeTwilioReply TooManyRequests(TimeSpan? retryAfter = null) => new(429, 20429, "Too Many Requests", retryAfter);

    public static FakeTwilioReply ServerError() => new(500, 20500, "An internal server error has occurred");

    public static FakeTwilioReply ServiceUnavailable() => new(503, 20503, "Service Unavailable");

    public static FakeTwilioReply InvalidTo() => new(400, 21211, "The 'To' number {To} is not a valid phone number.");

    public static FakeTwilioReply OptedOut() => new(400, 21610, "Attempt to send to unsubscribed recipient");

    public static FakeTwilioReply NotMobile() => new(400, 21614, "'To' number {To} is not a valid mobile number");

    public static FakeTwilioReply RegionNotEnabled() => new(400, 21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: {To}.");

    /// <summary>Takes the message (it counts as sent) and drops the connection before the answer: the client never learns.</summary>
    public static FakeTwilioReply CreatedThenDropped() => new(201, DropConnection: true);

    /// <summary>
    /// Answers 201 only after <paramref name="delay"/>, and creates the message only then: a client that gives up first
    /// leaves no message (the request never got to Twilio's messaging core, as with a stalled connection).
    /// </summary>
    public static FakeTwilioReply Slow(TimeSpan delay) => new(201, Delay: delay);

    /// <summary>
    /// Creates the message at once and answers 201 only after <paramref name="delay"/>: a client that gives up first
    /// never learns the SID, yet the text goes out (Twilio finishes what it started).
    /// </summary>
    public static FakeTwilioReply SlowAfterCreating(TimeSpan delay) => new(201, Delay: delay, CreateBeforeDelay: true);
}
