using Azure;
using Azure.Data.Tables;
using Hotline.Storage;

namespace Hotline.Reports;

/// <summary>
/// The reportcases table: every (unit, day) a case has ever counted in, and every unit whose open list it has been on,
/// so a change that moves a case (a transfer, a reopen, a new due time) takes it out of the old rows. Key scheme:
/// PartitionKey = ticket id, RowKey "keys"; <c>Days</c> and <c>OpenUnits</c> are space-separated lists that only
/// grow, written under the row's ETag and before the rows they name, so a projection cut short leaves its rows findable.
/// </summary>
public sealed class CaseReportKeys(HotlineStorage storage)
{
    private const string RowKey = "keys";
    private const int MaxAttempts = 10;

    private TableClient Table => storage.ReportCases;

    /// <summary>Adds the keys and answers the whole lists: where the case counted before, and now.</summary>
    public async Task<(IReadOnlyCollection<UnitDay> Days, IReadOnlyCollection<string> OpenUnits)> AddAsync(
        string ticketId, IEnumerable<UnitDay> days, string? openUnit, CancellationToken cancellationToken)
    {
        var adding = days.ToList();
        for (var attempt = 1; ; attempt++)
        {
            var entity = await Table.GetEntityOrNullAsync(ticketId, RowKey, cancellationToken);
            var knownDays = new HashSet<UnitDay>(Split(entity?.GetString("Days")).Select(UnitDay.Parse).OfType<UnitDay>());
            var knownUnits = new HashSet<string>(Split(entity?.GetString("OpenUnits")), StringComparer.Ordinal);
            var grew = openUnit is not null && knownUnits.Add(openUnit);
            foreach (var day in adding)
            {
                grew |= knownDays.Add(day);
            }

            if (!grew)
            {
                return (knownDays, knownUnits);
            }

            var changed = new TableEntity(ticketId, RowKey)
            {
                ["Days"] = string.Join(' ', knownDays.Select(d => d.ToString()).Order(StringComparer.Ordinal)),
                ["OpenUnits"] = string.Join(' ', knownUnits.Order(StringComparer.Ordinal)),
            };
            try
            {
                await (entity is null
                    ? Table.AddEntityAsync(changed, cancellationToken)
                    : Table.UpdateEntityAsync(changed, entity.ETag, TableUpdateMode.Replace, cancellationToken));
                return (knownDays, knownUnits);
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed && attempt < MaxAttempts)
            {
                // The case's other projection wrote first: merge with what it wrote.
            }
        }
    }

    private static string[] Split(string? list) => (list ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
