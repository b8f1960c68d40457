namespace Hotline.FollowUp;

/// <summary>
/// Does one kind of follow-up when it falls due. The shared loop (SweepFollowUps → follow-ups queue → RunFollowUp)
/// finds what is due and calls the handler of its kind; the row is removed after the handler returns. A handler may
/// run twice for one row (a second delivery, a claim that ran out), so what it does must be safe to repeat: texts
/// carry message keys, state changes check the state they expect.
/// </summary>
public interface IFollowUpHandler
{
    /// <summary>The <see cref="FollowUpIndex"/> partition this handler owns, e.g. <see cref="FollowUpIndex.AcknowledgementCheck"/>.</summary>
    string Kind { get; }

    /// <summary>
    /// Most rows of this kind one sweep hands out, when a kind must go slower than <see cref="FollowUpOptions.MaxFollowUpsPerRun"/>
    /// (held texts leave in a bounded burst); null for no cap of its own.
    /// </summary>
    int? MaxPerRun => null;

    Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken);
}
