using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Hotline.Cases;
using Hotline.Tests.Officers;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hotline.Tests.Faults;

/// <summary>
/// Fifty officer actions on one case at once, through HTTP: every answer is a 200, 403 or 409; every 200 left exactly
/// its audit line; the trail is a possible sequence of states; and the case, the officers' loads and the task lists
/// agree with the trail's last line.
/// </summary>
public sealed class OfficerActionRaceTests(AzuriteInstance azurite, ITestOutputHelper testOutput) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly RecordingOutput _output = new(testOutput);

    private const int Seed = 11_050;
    private const int Actions = 50;

    /// <summary>Every (from, to) an audit line may record after routing; complexity marks keep the state.</summary>
    private static readonly HashSet<(string?, string?)> Allowed =
    [
        (CaseStatus.Assigned, CaseStatus.Acknowledged),
        (CaseStatus.Acknowledged, CaseStatus.Resolved),
        (CaseStatus.Assigned, CaseStatus.Assigned),
        (CaseStatus.Acknowledged, CaseStatus.Acknowledged),
        (CaseStatus.Acknowledged, CaseStatus.Assigned),
    ];

    private readonly OfficerTestHost _host = new(azurite);

    [Fact]
    public async Task Fifty_concurrent_actions_on_one_case_lose_no_update_and_leave_a_possible_history()
    {
        var routed = await _host.NewRoutedCaseAsync();
        var ticket = routed.TicketId;
        string[] eastActors = ["east-h1", "east-h2", "east-head", "east-head"];
        string[] cityActors = ["city-h1", "city-head", "city-head", "city-head"];
        foreach (var officer in eastActors.Concat(cityActors).Distinct())
        {
            await _host.TokenForAsync(officer);
        }

        // A fixed mix, mostly marks, some acknowledgements and three transfers, by officers of both units (heads more
        // often, since they may act on any case of their unit); the two
        // resolves start once 30 of the others have been answered, so the case is not closed before the race begins.
        var random = new Random(Seed);
        var planned = Enumerable.Range(0, Actions).Select(i =>
        {
            var east = random.Next(10) < 7;
            var actor = (east ? eastActors : cityActors)[random.Next(4)];
            return (i is 41 or 47 ? 10 : i is 10 or 25 or 35 ? 9 : random.Next(9)) switch
            {
                < 2 => new Planned(actor, "acknowledge", null),
                < 9 => new Planned(actor, "complexity", new { level = random.Next(2) == 0 ? "difficult" : "very_complex", reason = $"第{i}次标注" }),
                < 10 => new Planned(actor, "transfer", new { unitId = east ? "city" : "east", reason = $"第{i}次转办" }),
                _ => new Planned(actor, "resolve", new { note = $"第{i}次办结" }),
            };
        }).ToList();

        using var start = new SemaphoreSlim(0);
        using var lateStart = new SemaphoreSlim(0);
        var answered = 0;
        var running = planned.Select(async p =>
        {
            await (p.Action == "resolve" ? lateStart : start).WaitAsync();
            using var response = await _host.PostAsOfficerAsync(p.Actor, $"/api/cases/{ticket}/{p.Action}", p.Body);
            if (Interlocked.Increment(ref answered) == 30)
            {
                lateStart.Release(Actions);
            }

            return (p.Actor, p.Action, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(Actions);
        var answers = await Task.WhenAll(running);

        var byStatus = answers.GroupBy(a => (int)a.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        _output.WriteLine($"seed {Seed}: {Actions} concurrent actions on {ticket}; answers {string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        foreach (var refusal in answers.Where(a => a.StatusCode != HttpStatusCode.OK).GroupBy(a => (int)a.StatusCode + " " + Detail(a.Body)))
        {
            _output.WriteLine($"  {refusal.Count()} × {refusal.Key}");
        }

        Assert.All(answers, a => Assert.True(
            a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.Conflict,
            $"{a.Actor} {a.Action}: {(int)a.StatusCode} {a.Body}"));

        var history = await _host.HistoryAsync(ticket);
        var record = await _host.GetCaseAsync(ticket);
        Assert.Equal(["received", "assigned"], history.Take(2).Select(h => h.Action));

        // No lost update: as many officer lines of each action as 200s for it (a resolve of an assigned case adds
        // its own acknowledgement line, marked as such).
        var officerLines = history.Skip(2).Where(h => h.Reason != "acknowledged on resolving").ToList();
        foreach (var (action, line) in new[] { ("acknowledge", "acknowledged"), ("complexity", "complexity-marked"), ("transfer", "transferred"), ("resolve", "resolved") })
        {
            var done = answers.Where(a => a.Action == action && a.StatusCode == HttpStatusCode.OK).Select(a => AuditEntry.Officer(a.Actor)).Order(StringComparer.Ordinal).ToList();
            var written = officerLines.Where(h => h.Action == line).Select(h => h.Actor).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(done, written);
        }

        Assert.Equal(history.Count - 1, record.Revision);

        // A possible history: each line starts where the one before ended, by an allowed step.
        for (var i = 2; i < history.Count; i++)
        {
            Assert.True(history[i].FromStatus == history[i - 1].ToStatus, $"line {i} ({history[i].Action}) starts at {history[i].FromStatus}, the line before ended at {history[i - 1].ToStatus}");
            Assert.Contains((history[i].FromStatus, history[i].ToStatus), Allowed);
        }

        // The case is what its trail says.
        Assert.Equal(history[^1].ToStatus, record.Status);
        var lastMark = history.LastOrDefault(h => h.Action == "complexity-marked");
        Assert.Equal(lastMark?.Reason is { } why ? why[..why.IndexOf(':', StringComparison.Ordinal)] : null, record.Complexity);
        var lastMove = history.Last(h => h.Action is "assigned" or "transferred");
        var moveReason = lastMove.Reason ?? "";
        var unit = lastMove.Action == "assigned" ? routed.UnitId : moveReason[(moveReason.IndexOf(" to ", StringComparison.Ordinal) + 4)..].Split('/')[0];
        Assert.Equal(unit, record.UnitId);

        // The loads and task lists agree: an open case counts once, against its officer, in its unit; a resolved one nowhere.
        var markers = new List<(string Unit, string Officer)>();
        var counted = 0;
        await foreach (var row in _host.Storage.OfficerLoads.QueryAsync<TableEntity>())
        {
            if (row.RowKey == "case:" + ticket)
            {
                markers.Add((row.PartitionKey, row.GetString("OfficerId")!));
            }
            else if (row.RowKey.StartsWith("officer:", StringComparison.Ordinal))
            {
                counted += row.GetInt32("OpenCases") ?? 0;
            }
        }

        var taskRows = new List<string>();
        await foreach (var row in _host.Storage.OfficerTasks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {ticket}")))
        {
            taskRows.Add(row.PartitionKey);
        }

        var open = CaseStatus.IsBeingHandled(record.Status);
        _output.WriteLine($"trail: {history.Count} lines, final {record.Status} in {record.UnitId}/{record.OfficerId}, complexity {record.Complexity ?? "-"}; load markers {markers.Count}, counted {counted}, task rows {taskRows.Count}");
        Assert.Equal(open ? [(record.UnitId!, record.OfficerId!)] : [], markers);
        Assert.Equal(open ? 1 : 0, counted);
        if (open)
        {
            // Rows of earlier holders may stay behind: the list checks each pointer against the case.
            Assert.Contains(record.OfficerId!, taskRows);
        }

        var lost = answers.Count(a => a.StatusCode == HttpStatusCode.OK) - officerLines.Count;
        var officerPhones = Regex.Matches(TestDirectory.Json, @"\+86\d{11}").Select(m => m.Value);
        PrivacyAssert.NothingSecretIn(
            _host.Logs.Concat(_output.Lines),
            officerPhones.Append(routed.Phone!),
            [.. await Task.WhenAll(eastActors.Concat(cityActors).Distinct().Select(_host.TokenForAsync)), _host.App.Host.MasterKey]);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests {Actions}, 5xx {answers.Count(a => (int)a.StatusCode >= 500)}, accepted {answers.Count(a => a.StatusCode == HttpStatusCode.OK)}, lost {lost}, duplicated 0"));
    }

    public void Dispose() => _host.Dispose();

    private static string Detail(string problem)
    {
        try
        {
            return System.Text.Json.JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString() ?? "";
        }
        catch (System.Text.Json.JsonException)
        {
            return problem;
        }
    }

    private sealed record Planned(string Actor, string Action, object? Body);
}
