using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.Sms.Recipes;

namespace Hotline.Bulletin;

/// <summary>
/// One unit's bulletin: counts the cases the unit and its sub-units hold (read from their <see cref="UnitCaseIndex"/>
/// partitions, so the cost grows with what the units hold, not with every case stored) and texts each head of the
/// unit once (the key names the unit, the day and the head). Pointers that no day's bulletin needs any more (the case
/// moved to another unit, or closed before the day began) are dropped on the way.
/// </summary>
public sealed partial class UnitBulletinHandler(
    UnitCaseIndex unitCases,
    CaseStore cases,
    DirectoryProvider directories,
    SmsNotifications sms,
    ILogger<UnitBulletinHandler> logger) : IFollowUpHandler
{
    public string Kind => DailyBulletinHandler.UnitKind;

    public async Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var directory = await directories.GetAsync(cancellationToken);
        if (directory.FindUnit(due.Subject) is not { } unit || directory.HeadsOf(unit.Id).ToList() is not { Count: > 0 } heads)
        {
            // The directory changed since the day's run: a unit gone or without a head gets no bulletin.
            return;
        }

        var end = due.DueAt;
        var start = end.AddDays(-1);
        var held = new List<CaseRecord>();
        foreach (var member in directory.SelfAndDescendants(unit.Id))
        {
            held.AddRange(await HeldByAsync(member.Id, start, cancellationToken));
        }

        var bulletin = UnitBulletin.Count(held, start, end);
        var day = due.Stage ?? DailyBulletinHandler.DayOf(end);
        await sms.EnqueueAsync(SmsRecipes.DailyBulletin, new UnitBulletinDay(unit, heads, day, end, bulletin), cancellationToken);

        LogSent(logger, unit.Id, day, heads.Count, bulletin.New, bulletin.Open, bulletin.Overdue, bulletin.Resolved, bulletin.Satisfied, bulletin.Rated);
    }

    /// <summary>The cases the unit holds now, or held when they closed on or after <paramref name="start"/>.</summary>
    private async Task<IReadOnlyList<CaseRecord>> HeldByAsync(string unitId, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var pointers = await unitCases.GetAsync(unitId, cancellationToken);
        var found = new CaseRecord?[pointers.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pointers.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, token) =>
            found[i] = (await cases.GetAsync(pointers[i].TicketId, token))?.Record);

        var held = new List<CaseRecord>();
        for (var i = 0; i < pointers.Count; i++)
        {
            if (found[i] is { } record && record.UnitId == unitId)
            {
                held.Add(record);
                if (record.Status != CaseStatus.Closed || record.ClosedAt >= start)
                {
                    continue;
                }
            }

            await unitCases.ForgetAsync(unitId, pointers[i].TicketId, pointers[i].ETag, cancellationToken);
        }

        return held;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulletin {Day} for unit {UnitId} to {Heads} head(s): {New} new, {Open} open, {Overdue} overdue, {Resolved} resolved, {Satisfied} of {Rated} rated satisfied")]
    private static partial void LogSent(ILogger logger, string unitId, string day, int heads, int @new, int open, int overdue, int resolved, int satisfied, int rated);
}
