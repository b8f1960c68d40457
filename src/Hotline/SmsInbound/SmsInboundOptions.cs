using System.ComponentModel.DataAnnotations;

namespace Hotline.SmsInbound;

/// <summary>Settings of the Twilio webhooks ("Hotline:SmsInbound").</summary>
public sealed class SmsInboundOptions
{
    public const string Section = "Hotline:SmsInbound";

    /// <summary>
    /// Largest webhook body. Twilio caps a message at 1,600 characters; form-encoded Chinese takes 9 bytes a character,
    /// plus some twenty other parameters (https://www.twilio.com/docs/messaging/guides/webhook-request).
    /// </summary>
    [Range(4096, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a caller asked for the place has to answer before the case is routed without it (SPEC "SMS").</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PlaceAnswerWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Time allowed to work out an answer. Twilio waits 15 s in all, connecting included, and then fails the request
    /// (https://www.twilio.com/docs/api/errors/11205); answering 503 sooner lets its fallback URL take over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:14")]
    public TimeSpan AnswerBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a delivery still being answered is waited for: a repeat within it gets an empty reply (the first
    /// answers); a repeat after it takes over, as the first attempt died.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
