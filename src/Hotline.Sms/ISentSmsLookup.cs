namespace Hotline.Sms;

/// <summary>
/// The provider's record of what it took, asked about a text whose send has an unknown outcome (no answer after the
/// request went out): the ledger looks before it sends the text again, since Twilio has no idempotency key for
/// outbound messages. Only a provider that can leave an outcome unknown implements it (Twilio); the outbox cannot.
/// Implementations never throw for provider failures: they answer <see cref="SmsLookupStatus.Failed"/>.
/// </summary>
public interface ISentSmsLookup
{
    /// <summary>Finds a message the provider created with <paramref name="sms"/>'s body to its phone at or after <paramref name="since"/>.</summary>
    Task<SmsLookupResult> FindAsync(OutgoingSms sms, DateTimeOffset since, CancellationToken cancellationToken);
}
