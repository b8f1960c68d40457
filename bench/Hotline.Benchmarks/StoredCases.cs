using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.LocalHost.Storage;
using Hotline.Retention;
using Hotline.Storage;
using Hotline.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Benchmarks;

/// <summary>
/// Stored cases as a year of work leaves them: most closed, their redaction ahead while they are younger than the
/// retention period; one in ten still open, with the resolution window's reminder stages ahead. Each case leaves its
/// case row and its rows in the followups table, the one table the sweep reads; its audit lines and the report's rows
/// are left out, since the sweep reads neither.
/// <para>
/// Azurite finds an entity by scanning its partition on every write, so 90,000 redaction rows in one partition would
/// take hours through its API. The first open case and the first closed one are written through the app's own code to
/// an Azurite on disk, which saves its table database when it stops; <c>AzuriteTableRows.cjs</c> adds every other row
/// to that file, checking that the two written through the API read back as it writes the rest; and the app's Azurite
/// starts from the result, in memory.
/// </para>
/// </summary>
internal static class StoredCases
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(10);

    public static string Ticket(int i) => string.Create(CultureInfo.InvariantCulture, $"HL-BENCH-{i:D7}");

    /// <summary>
    /// The app holding <paramref name="count"/> stored cases (at least 2): on an Azurite of its own, or, given
    /// <paramref name="account"/> (a connection string), on that storage account under tables and queues of its own,
    /// which are deleted when it is disposed.
    /// </summary>
    public static async Task<BenchmarkApp> StartAsync(int count, IReadOnlyDictionary<string, string?> settings, string? account = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var now = DateTimeOffset.UtcNow;
        var records = Enumerable.Range(0, count).Select(i => Record(i, now - TimeSpan.FromDays(i % 365), open: i % 10 == 0)).ToList();
        return account is null ? await StartOnAzuriteAsync(records, now, settings) : await StartOnAccountAsync(records, now, settings, account);
    }

    private static async Task<BenchmarkApp> StartOnAzuriteAsync(List<CaseRecord> records, DateTimeOffset now, IReadOnlyDictionary<string, string?> settings)
    {
        var folder = Directory.CreateTempSubdirectory("hotline-bench-stored-cases-").FullName;
        try
        {
            var rows = Path.Combine(folder, "rows.jsonl");
            string saved;
            await using (var disk = await AzuriteServer.StartAsync(RepositoryPaths.Root, Path.Combine(folder, "azurite"), NullLogger.Instance, CancellationToken.None))
            {
                await using var app = await BenchmarkApp.StartOnAsync(disk.ConnectionString, settings);
                await WriteRowsAsync(app, records, now, rows);
                saved = Path.Combine(disk.DataDirectory, AzuriteInstance.TableDatabaseFileName);
            }

            var seeded = Path.Combine(folder, "seeded.json");
            await RunNodeAsync(Path.Combine(RepositoryPaths.Root, "bench", "Hotline.Benchmarks", "AzuriteTableRows.cjs"), saved, rows, seeded);
            return await BenchmarkApp.StartAsync(settings, tableDatabase: seeded);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Every row through the API: Azure Table storage writes a row in the same time however large its partition. The
    /// run's tables and queues are named under a prefix of its own.
    /// </summary>
    private static async Task<BenchmarkApp> StartOnAccountAsync(List<CaseRecord> records, DateTimeOffset now, IReadOnlyDictionary<string, string?> settings, string account)
    {
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var prefixed = new Dictionary<string, string?>(settings)
        {
            ["Hotline:Storage:TablePrefix"] = prefix,
            ["Hotline:Storage:QueuePrefix"] = prefix + "-",
        };
        var app = await BenchmarkApp.StartOnAsync(account, prefixed, owned: new PrefixedStorage(account, prefix));
        try
        {
            var storage = app.Get<HotlineStorage>();
            var followUps = app.Get<FollowUpIndex>();
            var retention = app.Get<RetentionSchedule>();
            await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (record, ct) =>
                await storage.Cases.AddEntityAsync(CaseStore.ToEntity(record), ct));
            var kinds = records.SelectMany(r => FollowUpsAhead(r, now, retention).Select(f => (r.TicketId, f.Kind, f.DueAt, f.Stage))).GroupBy(f => f.Kind);
            foreach (var kind in kinds)
            {
                await Parallel.ForEachAsync(kind.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, ct) =>
                    await followUps.ScheduleAllAsync(kind.Key, chunk.Select(f => (f.TicketId, f.DueAt, f.Stage)), ct));
            }

            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every row of every case to <paramref name="path"/>; the first two cases' rows also through the app.</summary>
    private static async Task WriteRowsAsync(BenchmarkApp app, List<CaseRecord> records, DateTimeOffset now, string path)
    {
        var storage = app.Get<HotlineStorage>();
        var followUps = app.Get<FollowUpIndex>();
        var retention = app.Get<RetentionSchedule>();
        await using var file = new StreamWriter(path);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var stored = i < 2;
            var caseRow = CaseStore.ToEntity(record);
            var ahead = FollowUpsAhead(record, now, retention).ToList();
            if (stored)
            {
                await storage.Cases.AddEntityAsync(caseRow);
                foreach (var kind in ahead.GroupBy(f => f.Kind))
                {
                    await followUps.ScheduleAllAsync(kind.Key, kind.Select(f => (record.TicketId, f.DueAt, f.Stage)), CancellationToken.None);
                }
            }

            await file.WriteLineAsync(Line(storage.Cases.Name, caseRow, stored));
            foreach (var (kind, dueAt, stage) in ahead)
            {
                await file.WriteLineAsync(Line(storage.FollowUps.Name, FollowUpIndex.Entity(kind, record.TicketId, dueAt, 0, stage), stored));
            }
        }
    }

    private static IEnumerable<(string Kind, DateTimeOffset DueAt, string? Stage)> FollowUpsAhead(CaseRecord record, DateTimeOffset now, RetentionSchedule retention)
    {
        if (record.ClosedAt is null)
        {
            var kind = DeadlineStages.Kind(DeadlineWindow.Resolution);
            yield return (kind, now.AddDays(3.5), "50");
            yield return (kind, now.AddDays(5.6), "80");
            yield return (kind, now.AddDays(7), "100");
            yield return (kind, now.AddDays(10.5), "150");
        }
        else if (retention.RedactionDueAt(record) is { } dueAt && dueAt > now)
        {
            yield return (RetentionSchedule.Kind, dueAt, null);
        }
    }

    /// <summary>A row as the storage SDK sends it: DateTimeOffset and long carry their OData type; int, bool and string do not need one.</summary>
    private static string Line(string table, TableEntity entity, bool stored)
    {
        var json = new JsonObject();
        foreach (var (key, value) in entity)
        {
            switch (value)
            {
                case string text:
                    json[key] = text;
                    break;
                case DateTimeOffset time:
                    json[key] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                    json[key + "@odata.type"] = "Edm.DateTime";
                    break;
                case long number:
                    json[key] = number.ToString(CultureInfo.InvariantCulture);
                    json[key + "@odata.type"] = "Edm.Int64";
                    break;
                case int number:
                    json[key] = number;
                    break;
                case bool flag:
                    json[key] = flag;
                    break;
                default:
                    throw new NotSupportedException($"{table}.{key} is a {value?.GetType().Name ?? "null"}; teach the seed its OData form.");
            }
        }

        var line = new JsonObject { ["table"] = table, ["entity"] = json };
        if (stored)
        {
            line["stored"] = true;
        }

        return line.ToJsonString();
    }

    private static async Task RunNodeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var timeout = new CancellationTokenSource(NodeTimeout);
        var output = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.WaitForExitAsync(timeout.Token);
        Console.Write(Indented(await output));
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {Path.GetFileName(arguments[0])} failed ({node.ExitCode}):\n{await errors}");
        }
    }

    private static string Indented(string text) =>
        string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "  " + line + "\n"));

    private static CaseRecord Record(int i, DateTimeOffset receivedAt, bool open) => new()
    {
        TicketId = Ticket(i),
        TrackingCodeHash = "bench",
        Status = open ? CaseStatus.Assigned : CaseStatus.Closed,
        Channel = "api",
        Description = $"第{i}号：我们工地拖欠三个月工资",
        Language = "zh-CN",
        ReceivedAt = receivedAt,
        Region = "650102",
        Category = "wage_arrears",
        UnitId = "east",
        UnitName = "东县总工会",
        OfficerId = "east-h1",
        AssignedAt = receivedAt,
        AcknowledgementDueAt = receivedAt.AddHours(4),
        ResolutionDueAt = receivedAt.AddDays(7),
        ResolvedAt = open ? null : receivedAt.AddDays(5),
        ClosedAt = open ? null : receivedAt.AddDays(6),
    };
}
