using Hotline.Routing;
using Hotline.Sms;
using Hotline.Sms.Phones;
using Hotline.Sms.Templates;
using Microsoft.Extensions.Options;

namespace Hotline.SmsInbound;

/// <summary>
/// Answers one inbound text exactly once per MessageSid. Opt-out and opt-in words come first, from anyone, as Twilio
/// acts on them itself (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out); then a text from an
/// officer's phone is an officer command, any other a caller's. An opted-out caller's text takes effect and gets its
/// one reply: texting the hotline is consent to that answer (docs/decisions.md); queued texts stay stopped.
/// </summary>
public sealed partial class InboundSmsHandler(
    InboundMessageLog log,
    OptOutList optOuts,
    PlaceConversations conversations,
    DirectoryProvider directories,
    CallerMessages callers,
    OfficerMessages officers,
    SmsComposer composer,
    PhoneHash phoneHash,
    IOptions<SmsInboundOptions> options,
    ILogger<InboundSmsHandler> logger)
{
    /// <summary>The TwiML answer for <paramref name="sms"/>: the stored one for a repeat delivery.</summary>
    public async Task<string> AnswerAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var sender = PhoneMask.Mask(sms.From);
        var claim = await log.ClaimAsync(sms.MessageSid, phoneHash.Compute(sms.From), options.Value.InFlightTimeout, cancellationToken);
        if (!claim.Owned)
        {
            LogRepeat(logger, claim.StoredReply is null ? "still being answered" : "answered before");
            return claim.StoredReply ?? Twiml.Empty;
        }

        var reply = await DecideAsync(sms, sender, cancellationToken);
        var twiml = reply is null ? Twiml.Empty : Twiml.Message(composer.Compose(reply.Template, reply.Language, reply.Args).Body);
        await log.CompleteAsync(sms.MessageSid, claim, twiml, reply?.Template, cancellationToken);
        LogAnswered(logger, sender, reply?.Template ?? "(none)");
        return twiml;
    }

    private async Task<SmsReply?> DecideAsync(InboundSms sms, string sender, CancellationToken cancellationToken)
    {
        if (SmsKeywords.IsOptOut(sms.Body))
        {
            await optOuts.OptOutAsync(sms.From, OptOutList.ByKeyword, cancellationToken);

            // An open question about the place is dropped: no further text may ask it again.
            await conversations.EndAsync(sms.From, cancellationToken);
            LogOptedOut(logger, sender);
            return SmsReply.Of("opt-out-confirmed", sms.Language);
        }

        if (SmsKeywords.IsOptIn(sms.Body))
        {
            await optOuts.OptInAsync(sms.From, cancellationToken);
            LogOptedIn(logger, sender);
            return SmsReply.Of("opt-in-confirmed", sms.Language);
        }

        var directory = await directories.GetAsync(cancellationToken);
        if (directory.FindOfficerByPhone(sms.From) is { } officer)
        {
            return await officers.HandleAsync(officer, sms, cancellationToken);
        }

        // An opted-out caller who texts again is answered too: the text asks for that one reply (a new report's ticket
        // and code, which they could learn no other way); everything queued for the phone stays stopped.
        return await callers.HandleAsync(sms, directory, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound SMS from {Sender} answered with {Template}")]
    private static partial void LogAnswered(ILogger logger, string sender, string template);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound SMS delivered again ({State}); answered as before")]
    private static partial void LogRepeat(ILogger logger, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Sender} opted out of texts")]
    private static partial void LogOptedOut(ILogger logger, string sender);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Sender} opted in to texts again")]
    private static partial void LogOptedIn(ILogger logger, string sender);
}
