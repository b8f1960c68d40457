using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Hotline.Sms;
using Hotline.Sms.Phones;
using Hotline.Storage;
using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account;
using TwilioPhoneNumber = Twilio.Types.PhoneNumber;

namespace Hotline.Benchmarks;

/// <summary>
/// The calls one SendSms invocation makes for a text that goes out (7, as <see cref="StorageCallRecorder"/> lists
/// them), one after the other as it makes them, straight with the SDKs on the same tables and the same Twilio SDK:
/// the opt-out row; the ledger row read, then claimed; the same-text rows of today's and tomorrow's windows; the
/// message created; the ledger row marked sent under the claim's ETag. What the text says and every key are worked
/// out beforehand (<see cref="Prepare"/>): only the round trips are timed.
/// </summary>
internal sealed class RawSendSms(HotlineStorage storage, ITwilioRestClient twilio, string from, TimeProvider time)
{
    /// <summary>A copy of <paramref name="request"/> under a key and to a phone of the floor's own, composed as SendSms composes it.</summary>
    public static RawText Prepare(SmsRequest request, string body, PhoneHash phoneHash)
    {
        var to = "+86137" + request.To[6..];
        return new RawText("raw:" + request.MessageKey, to, phoneHash.Compute(to), request.Template, request.Language, body,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..PhoneHash.DefaultHexLength]);
    }

    public async Task SendAsync(RawText text)
    {
        await storage.SmsOptOuts.GetEntityIfExistsAsync<TableEntity>(text.ToHash, "optout");
        await storage.Sms.Ledger.GetEntityIfExistsAsync<TableEntity>(text.MessageKey, "sms");
        var claimed = await storage.Sms.Ledger.AddEntityAsync(new TableEntity(text.MessageKey, "sms")
        {
            ["MessageKey"] = text.MessageKey, ["To"] = PhoneMask.Mask(text.To), ["ToHash"] = text.ToHash, ["Template"] = text.Template,
            ["Language"] = text.Language, ["State"] = "sending", ["ClaimedAt"] = time.GetUtcNow(), ["Attempts"] = 1,
        });

        var now = time.GetUtcNow();
        foreach (var day in new[] { now, now.AddDays(1) })
        {
            await storage.Sms.Recent.AddEntityAsync(new TableEntity($"window-{day.UtcDateTime:yyyy-MM-dd}", $"{text.ToHash}-{text.BodyHash}")
            {
                ["MessageKey"] = text.MessageKey, ["Template"] = text.Template, ["SentAt"] = now,
            });
        }

        var message = await MessageResource.CreateAsync(new CreateMessageOptions(new TwilioPhoneNumber(text.To)) { From = new TwilioPhoneNumber(from), Body = text.Body }, twilio);
        await storage.Sms.Ledger.UpdateEntityAsync(new TableEntity(text.MessageKey, "sms")
        {
            ["State"] = "sent", ["CompletedAt"] = time.GetUtcNow(), ["ProviderMessageId"] = message.Sid, ["ErrorCode"] = null, ["Detail"] = null,
            ["Segments"] = int.TryParse(message.NumSegments, out var segments) ? segments : null,
        }, claimed.Headers.ETag!.Value, TableUpdateMode.Merge);
    }
}
