using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Hotline.Storage;

namespace Hotline.Benchmarks;

/// <summary>
/// The storage calls one RouteCase invocation makes (21, as <see cref="StorageCallRecorder"/> lists them), in its
/// order and with its waits, made straight with the SDKs on the same tables and queue, for a case intake stored:
/// the case; the officer's load marker, the unit's counters and the count-and-marker transaction; the two windows'
/// stage rows (a transaction each, at once); the unit's pointer; the case and its audit line (one transaction); the
/// report's keys row read and written; each (unit, day) row and the open row read and written, all at once; the
/// officer's task row; the two texts, one after the other. Its own unit (three handlers, as the function's) so the
/// two never share a count.
/// </summary>
internal sealed class RawRouteCase(HotlineStorage storage, TimeProvider time)
{
    private const string Unit = "raw-east";
    private const string UnitName = "东县总工会";
    private static readonly int[] StagePercents = [50, 80, 100, 150];
    private static readonly string[] Handlers = ["raw-h1", "raw-h2", "raw-h3"];
    private static readonly string OfficerRows = TableClient.CreateQueryFilter($"PartitionKey eq {Unit} and RowKey ge {"officer:"} and RowKey lt {"officer;"}");

    public async Task RouteAsync(string ticket)
    {
        var found = (await storage.Cases.GetEntityAsync<TableEntity>(ticket, "case")).Value;

        await storage.OfficerLoads.GetEntityIfExistsAsync<TableEntity>(Unit, "case:" + ticket);
        var counters = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in storage.OfficerLoads.QueryAsync<TableEntity>(OfficerRows))
        {
            counters[row.RowKey["officer:".Length..]] = row;
        }

        var officer = Handlers.OrderBy(h => counters.GetValueOrDefault(h)?.GetInt32("OpenCases") ?? 0).ThenBy(h => h, StringComparer.Ordinal).First();
        var counter = counters.GetValueOrDefault(officer);
        var count = new TableEntity(Unit, "officer:" + officer) { ["OpenCases"] = (counter?.GetInt32("OpenCases") ?? 0) + 1 };
        await storage.OfficerLoads.SubmitTransactionAsync(
        [
            counter is null ? new TableTransactionAction(TableTransactionActionType.Add, count) : new TableTransactionAction(TableTransactionActionType.UpdateMerge, count, counter.ETag),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Unit, "case:" + ticket) { ["OfficerId"] = officer }),
        ]);

        var now = time.GetUtcNow();
        var acknowledgeBy = now.AddHours(4);
        var resolveBy = now.AddDays(7);
        await Task.WhenAll(Stages("ack", ticket, now, acknowledgeBy), Stages("resolve", ticket, now, resolveBy));
        await storage.UnitCases.UpsertEntityAsync(new TableEntity(Unit, ticket), TableUpdateMode.Replace);

        var revision = (found.GetInt32("Revision") ?? 0) + 1;
        var assigned = new TableEntity(ticket, "case");
        foreach (var (name, value) in found.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")))
        {
            assigned[name] = value;
        }

        foreach (var (name, value) in new Dictionary<string, object>
        {
            ["Status"] = "assigned", ["Revision"] = revision, ["UnitId"] = Unit, ["UnitName"] = UnitName, ["OfficerId"] = officer,
            ["AssignedAt"] = now, ["AcknowledgementDueAt"] = acknowledgeBy, ["ResolutionDueAt"] = resolveBy,
        })
        {
            assigned[name] = value;
        }

        await storage.Cases.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, assigned, found.ETag),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(ticket, string.Create(CultureInfo.InvariantCulture, $"audit-{revision:D6}"))
            {
                ["At"] = now, ["Actor"] = "system", ["Action"] = "assigned", ["FromStatus"] = "received", ["ToStatus"] = "assigned",
                ["Reason"] = $"no rule; region 650102 is covered by {Unit} ({UnitName}) (region 650102); officer {officer} (干事一) has the fewest open cases (0) of the 3 on-duty handlers of {Unit}; acknowledge by 12月2日 14:00 (4 h for normal), resolve by 12月9日 10:00 (7 d for normal)",
            }),
        ]);

        var today = Day(now);
        var resolveDay = Day(resolveBy);
        var keys = (await storage.ReportCases.GetEntityAsync<TableEntity>(ticket, "keys")).Value;
        await storage.ReportCases.UpdateEntityAsync(
            new TableEntity(ticket, "keys") { ["Days"] = $"{Unit}:{today} {Unit}:{resolveDay} ~none:{today}", ["OpenUnits"] = Unit }, keys.ETag, TableUpdateMode.Replace);

        var shard = Shard(ticket);
        await Task.WhenAll(
            SetDayAsync("~none", $"{today}:{shard}", ticket, null),
            SetDayAsync(Unit, $"{today}:{shard}", ticket, $"{ticket} {revision} aa=1;c.wage_arrears=1;ch.api=1;n=1;p.normal=1;s.assigned=1"),
            SetDayAsync(Unit, $"{resolveDay}:{shard}", ticket, $"{ticket} {revision} rd=1"),
            SetOpenAsync(ticket, revision, found, now, acknowledgeBy, resolveBy));

        await storage.OfficerTasks.UpsertEntityAsync(new TableEntity(officer, ticket) { ["UnitId"] = Unit }, TableUpdateMode.Replace);

        var phone = found.GetString("Phone");
        await storage.SmsOutbound.SendMessageAsync(JsonSerializer.Serialize(new
        {
            messageKey = $"{ticket}:case-assigned:{Unit}", ticketId = ticket, to = phone, template = "case-assigned", language = "zh-CN",
            args = new { ticketId = ticket, unitName = UnitName }, attempt = 0,
        }));
        await storage.SmsOutbound.SendMessageAsync(JsonSerializer.Serialize(new
        {
            messageKey = $"{ticket}:officer-task:routed:{officer}", ticketId = ticket, to = "+8613900009012", template = "officer-task", language = "zh-CN",
            args = new { ticketId = ticket, category = "wage_arrears", place = UnitName, summary = found.GetString("Description"), dueAt = "12月2日 14:00" }, attempt = 0,
        }));
    }

    /// <summary>A window's four stage rows (50, 80, 100, 150 %) in its kind's partition, one transaction.</summary>
    private Task<Azure.Response<IReadOnlyList<Azure.Response>>> Stages(string kind, string ticket, DateTimeOffset from, DateTimeOffset due) =>
        storage.FollowUps.SubmitTransactionAsync(StagePercents.Select(percent =>
        {
            var at = from + ((due - from) * percent / 100);
            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(kind, string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}:{ticket}:{percent}"))
            {
                ["Subject"] = ticket, ["DueAt"] = at, ["Attempt"] = 0, ["Stage"] = percent.ToString(CultureInfo.InvariantCulture),
            });
        }));

    /// <summary>The (unit, day) row read and written back under its ETag with this case's line set (added) or taken out (null).</summary>
    private async Task SetDayAsync(string unit, string rowKey, string ticket, string? line)
    {
        var found = await storage.ReportDays.GetEntityIfExistsAsync<TableEntity>(unit, rowKey);
        var cases = found.HasValue ? found.Value!.GetString("Cases") ?? "" : "";
        cases = string.Concat(cases.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith(ticket, StringComparison.Ordinal)).Select(l => l + "\n"));
        var row = new TableEntity(unit, rowKey)
        {
            ["Counts"] = found.HasValue ? found.Value!.GetString("Counts") ?? "" : line?[(line.LastIndexOf(' ') + 1)..] ?? "",
            ["Cases"] = line is null ? cases : cases + line + "\n",
        };
        await (found.HasValue
            ? storage.ReportDays.UpdateEntityAsync(row, found.Value!.ETag, TableUpdateMode.Replace)
            : storage.ReportDays.AddEntityAsync(row));
    }

    private async Task SetOpenAsync(string ticket, int revision, TableEntity found, DateTimeOffset now, DateTimeOffset acknowledgeBy, DateTimeOffset resolveBy)
    {
        await storage.ReportOpen.GetEntityIfExistsAsync<TableEntity>(Unit, ticket);
        await storage.ReportOpen.AddEntityAsync(new TableEntity(Unit, ticket)
        {
            ["Status"] = "assigned", ["Category"] = found.GetString("Category"), ["Priority"] = found.GetString("Priority"), ["ReceivedAt"] = found.GetDateTimeOffset("ReceivedAt") ?? now,
            ["Revision"] = revision, ["UnitName"] = UnitName, ["AcknowledgementDueAt"] = acknowledgeBy, ["ResolutionDueAt"] = resolveBy, ["OverdueFrom"] = acknowledgeBy,
        });
    }

    private static string Day(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The function's shard of a (unit, day): a hash of the ticket id, sixteen shards.</summary>
    private static string Shard(string ticket)
    {
        var hash = 0u;
        foreach (var c in ticket)
        {
            hash = (hash * 31) + c;
        }

        return (hash % 16).ToString("D2", CultureInfo.InvariantCulture);
    }
}
