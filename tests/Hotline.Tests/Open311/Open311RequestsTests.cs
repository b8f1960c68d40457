using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Hotline.Cases;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Open311;

public sealed class Open311RequestsTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private const string ApiKey = "partner-key-7f3a9c1e5b";

    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Open311:ApiKeys"] = $"old-partner-key-0000000000, {ApiKey}",
    });

    private static Dictionary<string, string> Report(string phone = "13900001234", string code = "wage_arrears") => new()
    {
        ["api_key"] = ApiKey,
        ["service_code"] = code,
        ["description"] = "工地老板拖欠我们三个月工资，我叫张伟，电话13900001234。",
        ["first_name"] = "伟",
        ["last_name"] = "张",
        ["phone"] = phone,
        ["address_id"] = "621124",
        ["email"] = "zhang@example.org",
        ["device_id"] = "device-1",
    };

    private CaseStore Cases => _app.Services.GetRequiredService<CaseStore>();

    [Fact]
    public async Task A_post_with_a_valid_key_becomes_a_case_as_a_submission_does_and_answers_its_ticket_id()
    {
        using var client = _app.CreateClient();

        var (status, json) = await client.PostJsonAsync(Report());

        Assert.Equal(HttpStatusCode.OK, status);
        var created = Assert.Single(json.EnumerateArray());
        var ticketId = created.GetProperty("service_request_id").GetString()!;
        Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$", ticketId);
        Assert.Equal(JsonValueKind.String, created.GetProperty("service_notice").ValueKind);
        Assert.False(created.TryGetProperty("token", out _));

        var stored = (await Cases.GetAsync(ticketId, CancellationToken.None))!.Value.Record;
        Assert.Equal("+8613900001234", stored.Phone);
        Assert.Equal("张伟", stored.Name);
        Assert.Equal("621124", stored.Region);
        Assert.Equal("wage_arrears", stored.Category);
        Assert.True(stored.CategoryChosenByCaller);
        Assert.Equal("open311", stored.Channel);
        Assert.Equal(CaseStatus.Received, stored.Status);
        Assert.DoesNotContain("example.org", stored.Description, StringComparison.Ordinal);

        // Durable and queued before the answer, as a submission: routing, the caller's receipt, the day's index row.
        Assert.Equal(ticketId, Assert.Single(await _app.Storage.CaseRouting.PeekJsonAsync()).GetProperty("ticketId").GetString());
        Assert.Single((await _app.Storage.SmsOutbound.PeekMessagesAsync(32)).Value);
        var day = ChinaTime.ToChina(_app.Clock.GetUtcNow()).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.True((await _app.Storage.ReceivedDays.GetEntityIfExistsAsync<TableEntity>(day, ticketId)).HasValue);

        var (xmlStatus, xml) = await client.PostXmlAsync(Report(phone: "13900005678", code: "work_injury"));
        Assert.Equal(HttpStatusCode.OK, xmlStatus);
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        var request = Assert.Single(xml.Root.Elements("request"));
        Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$", request.Element("service_request_id")!.Value);
        Assert.NotNull(request.Element("service_notice"));
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_repeat_from_the_same_phone_joins_the_open_case_and_answers_its_ticket()
    {
        using var client = _app.CreateClient();

        var (_, first) = await client.PostJsonAsync(Report());
        _app.Clock.Advance(TimeSpan.FromHours(2));
        var repeat = Report();
        repeat["description"] = "老板还是没有发工资。";
        var (status, again) = await client.PostJsonAsync(repeat);

        Assert.Equal(HttpStatusCode.OK, status);
        var ticketId = first[0].GetProperty("service_request_id").GetString()!;
        Assert.Equal(ticketId, again[0].GetProperty("service_request_id").GetString());
        Assert.NotEqual(first[0].GetProperty("service_notice").GetString(), again[0].GetProperty("service_notice").GetString());
        Assert.Single(await ToListAsync(_app.Storage.Cases.QueryAsync<TableEntity>(e => e.RowKey == "case")));
        Assert.Contains("老板还是没有发工资。", (await Cases.GetAsync(ticketId, CancellationToken.None))!.Value.Record.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("address_id", "621124", "621124", null)]
    [InlineData("address_string", "621124100", "621124100", null)]
    [InlineData("address_string", "临洮县洮阳镇某工地", null, "地点 / Place: 临洮县洮阳镇某工地")]
    [InlineData("address_id", "GIS-88231", null, "地址编号 / Address id: GIS-88231")]
    [InlineData("lat", "35.37", null, "坐标 / Coordinates: 35.37, 103.86")]
    public async Task The_place_is_the_region_when_it_is_a_division_code_and_otherwise_kept_in_the_text(string field, string value, string? region, string? inText)
    {
        using var client = _app.CreateClient();
        var report = Report();
        report.Remove("address_id");
        report[field] = value;
        if (field == "lat")
        {
            report["long"] = "103.86";
        }

        var (status, json) = await client.PostJsonAsync(report);

        Assert.Equal(HttpStatusCode.OK, status);
        var stored = (await Cases.GetAsync(json[0].GetProperty("service_request_id").GetString()!, CancellationToken.None))!.Value.Record;
        Assert.Equal(region, stored.Region);
        if (inText is not null)
        {
            Assert.Contains(inText, stored.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_post_without_a_key_or_with_a_wrong_one_is_403_and_stores_nothing()
    {
        using var client = _app.CreateClient();
        var withoutKey = Report();
        withoutKey.Remove("api_key");
        var wrongKey = Report();
        wrongKey["api_key"] = ApiKey + "x";
        var emptyKey = Report();
        emptyKey["api_key"] = "";

        var (noKeyStatus, noKey) = await client.PostJsonAsync(withoutKey);
        var (wrongStatus, wrong) = await client.PostXmlAsync(wrongKey);
        var (emptyStatus, empty) = await client.PostJsonAsync(emptyKey);

        Assert.Equal(HttpStatusCode.Forbidden, noKeyStatus);
        Open311Client.AssertErrors(noKey, 403);
        Assert.Equal(HttpStatusCode.Forbidden, wrongStatus);
        Open311Client.AssertErrors(wrong, 403);
        Assert.Equal(HttpStatusCode.Forbidden, emptyStatus);
        Open311Client.AssertErrors(empty, 403);
        Assert.Empty(await ToListAsync(_app.Storage.Cases.QueryAsync<TableEntity>()));
        Assert.Empty((await _app.Storage.CaseRouting.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task With_no_key_configured_every_post_is_403()
    {
        using var app = new HotlineApp(azurite);
        using var client = app.CreateClient();

        var (status, json) = await client.PostJsonAsync(Report());

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Open311Client.AssertErrors(json, 403);
        Assert.Empty(await ToListAsync(app.Storage.Cases.QueryAsync<TableEntity>()));
    }

    [Fact]
    public async Task Bad_posts_get_the_standards_errors_and_write_nothing()
    {
        using var client = _app.CreateClient();
        var unknownCode = Report(code: "potholes");
        var noCode = Report();
        noCode.Remove("service_code");
        var noPlace = Report();
        noPlace.Remove("address_id");
        var badFields = Report();
        badFields["phone"] = "12345";
        badFields.Remove("description");
        var halfCoordinates = Report();
        halfCoordinates.Remove("address_id");
        halfCoordinates["lat"] = "35.37";

        var (unknownStatus, unknown) = await client.PostJsonAsync(unknownCode);
        var (noCodeStatus, missingCode) = await client.PostJsonAsync(noCode);
        var (noPlaceStatus, missingPlace) = await client.PostXmlAsync(noPlace);
        var (badStatus, bad) = await client.PostJsonAsync(badFields);
        var (halfStatus, half) = await client.PostJsonAsync(halfCoordinates);
        using var json = await client.PostAsync(Open311Client.Base + "requests.json", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
        Open311Client.AssertErrors(unknown, 404);
        Assert.Equal(HttpStatusCode.BadRequest, noCodeStatus);
        Open311Client.AssertErrors(missingCode, 400);
        Assert.Equal(HttpStatusCode.BadRequest, noPlaceStatus);
        Open311Client.AssertErrors(missingPlace, 400);
        Assert.Equal(HttpStatusCode.BadRequest, halfStatus);
        Open311Client.AssertErrors(half, 400);

        // Every problem at once, each naming the standard's parameter.
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Open311Client.AssertErrors(bad, 400);
        var descriptions = bad.EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList();
        Assert.Contains(descriptions, d => d.StartsWith("phone:", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("description:", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Open311Client.AssertErrors(await Open311Client.JsonAsync(json), 415);

        Assert.Empty(await ToListAsync(_app.Storage.Cases.QueryAsync<TableEntity>()));
        Assert.Empty((await _app.Storage.CaseRouting.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_answers_the_same_case()
    {
        using var client = _app.CreateClient();

        var (_, first) = await client.PostJsonAsync(Report(phone: ""), idempotencyKey: "partner-42");
        var (status, again) = await client.PostJsonAsync(Report(phone: ""), idempotencyKey: "partner-42");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first[0].GetProperty("service_request_id").GetString(), again[0].GetProperty("service_request_id").GetString());
        Assert.Single(await ToListAsync(_app.Storage.Cases.QueryAsync<TableEntity>(e => e.RowKey == "case")));
    }

    [Fact]
    public async Task A_request_moves_from_open_to_closed_and_shows_its_unit_and_due_time_but_nothing_personal()
    {
        using var client = _app.CreateClient();
        var transcript = new Open311Client.Transcript();
        var (_, created) = await client.PostJsonAsync(Report(), transcript);
        var ticketId = created[0].GetProperty("service_request_id").GetString()!;

        var (status, json) = await client.GetJsonAsync($"requests/{ticketId}.json", transcript);
        Assert.Equal(HttpStatusCode.OK, status);
        var request = Assert.Single(json.EnumerateArray());
        AssertRequestShape(request);
        Assert.Equal(ticketId, request.GetProperty("service_request_id").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("wage_arrears", request.GetProperty("service_code").GetString());
        Assert.Equal("欠薪/劳动报酬", request.GetProperty("service_name").GetString());
        Assert.Equal("2026-11-23T10:00:00+08:00", request.GetProperty("requested_datetime").GetString());
        Assert.Equal("621124", request.GetProperty("address_id").GetString());
        Assert.Equal(JsonValueKind.Null, request.GetProperty("agency_responsible").ValueKind);

        var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticketId}}"}""");
        Assert.True(routed.Succeeded, routed.FailureMessage);
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var assigned = (await client.GetJsonAsync($"requests/{ticketId}.json?lang=en", transcript)).Json[0];
        Assert.Equal("open", assigned.GetProperty("status").GetString());
        Assert.Equal("Unpaid wages / pay", assigned.GetProperty("service_name").GetString());
        var stored = (await Cases.GetAsync(ticketId, CancellationToken.None))!.Value;
        Assert.Equal(stored.Record.UnitName, assigned.GetProperty("agency_responsible").GetString());
        Assert.Equal(W3c(stored.Record.ResolutionDueAt!.Value), assigned.GetProperty("expected_datetime").GetString());

        var resolvedAt = _app.Clock.GetUtcNow();
        var etag = await Cases.UpdateAsync(stored.Record with { Status = CaseStatus.Resolved, ResolvedAt = resolvedAt }, stored.ETag,
            new AuditEntry(resolvedAt, AuditEntry.SystemActor, "resolve", stored.Record.Status, CaseStatus.Resolved, "test"), CancellationToken.None);
        var resolved = (await client.GetXmlAsync($"requests/{ticketId}.xml", transcript)).Xml.Root!.Element("request")!;
        Assert.Equal("open", resolved.Element("status")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(resolved.Element("status_notes")!.Value));

        _app.Clock.Advance(TimeSpan.FromDays(2));
        var closedAt = _app.Clock.GetUtcNow();
        var current = (await Cases.GetAsync(ticketId, CancellationToken.None))!.Value;
        Assert.Equal(etag, current.ETag);
        await Cases.UpdateAsync(current.Record with { Status = CaseStatus.Closed, ClosedAt = closedAt }, current.ETag,
            new AuditEntry(closedAt, AuditEntry.SystemActor, "close", CaseStatus.Resolved, CaseStatus.Closed, "test"), CancellationToken.None);

        var (xmlStatus, xml) = await client.GetXmlAsync($"requests/{ticketId}.xml", transcript);
        Assert.Equal(HttpStatusCode.OK, xmlStatus);
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        var closed = Assert.Single(xml.Root.Elements());
        Assert.Equal("request", closed.Name.LocalName);
        Assert.Equal(
            ["service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
             "requested_datetime", "updated_datetime", "expected_datetime", "address_id"],
            closed.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("closed", closed.Element("status")!.Value);
        Assert.Equal(W3c(closedAt), closed.Element("updated_datetime")!.Value);
        Assert.True(W3cDateTime.IsW3c(closed.Element("requested_datetime")!.Value));
        Assert.Equal(stored.Record.UnitName, closed.Element("agency_responsible")!.Value);
        Assert.Equal("", closed.Element("description")!.Value);

        var (_, list) = await client.GetJsonAsync("requests.json", transcript);
        Assert.Equal("closed", Assert.Single(list.EnumerateArray()).GetProperty("status").GetString());
        await client.GetXmlAsync("requests.xml", transcript);

        AssertNothingPersonal(transcript);
    }

    [Fact]
    public async Task An_unknown_or_malformed_request_id_is_the_standards_404()
    {
        using var client = _app.CreateClient();

        var (status, json) = await client.GetJsonAsync("requests/ZZZZZZZZ.json");
        var (malformedStatus, xml) = await client.GetXmlAsync("requests/0O1IL.xml");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Open311Client.AssertErrors(json, 404);
        Assert.Equal(HttpStatusCode.NotFound, malformedStatus);
        Open311Client.AssertErrors(xml, 404);
    }

    [Fact]
    public async Task Filters_select_by_id_service_code_status_and_China_dates_newest_first()
    {
        using var client = _app.CreateClient();

        // 2026-11-23 10:00 and 2026-11-24 00:30 China time: the same UTC day, two China days.
        var first = await CreateAsync(client, "13900000001", "wage_arrears");
        _app.Clock.Advance(TimeSpan.FromHours(14.5));
        var second = await CreateAsync(client, "13900000002", "labor_contract");
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var third = await CreateAsync(client, "13900000003", "wage_arrears");
        await CloseAsync(first);

        Assert.Equal([third, second, first], await IdsAsync(client, "requests.json"));
        Assert.Equal([third, first], await IdsAsync(client, "requests.json?service_code=wage_arrears"));
        Assert.Equal([third, second, first], await IdsAsync(client, "requests.json?service_code=wage_arrears,labor_contract&status="));
        Assert.Equal([first], await IdsAsync(client, "requests.json?status=closed"));
        Assert.Equal([third, second], await IdsAsync(client, "requests.json?status=open"));
        Assert.Equal([third, second, first], await IdsAsync(client, "requests.json?status=open,closed"));
        Assert.Equal([third, second], await IdsAsync(client, "requests.json?start_date=2026-11-24T00:00:00%2B08:00"));
        Assert.Equal([first], await IdsAsync(client, "requests.json?end_date=2026-11-23T23:59:59%2B08:00"));
        Assert.Equal([second, first], await IdsAsync(client, "requests.json?start_date=2026-11-23T00:00:00Z&end_date=2026-11-23T16:45:00Z"));
        Assert.Equal([third], await IdsAsync(client, "requests.json?start_date=2026-11-23T17:00:00Z&service_code=wage_arrears&status=open"));

        // service_request_id overrides every other filter; ids not found are left out.
        Assert.Equal([second, first], await IdsAsync(client, $"requests.json?service_request_id={second},ZZZZZZZZ,{first.ToLowerInvariant()},nonsense&service_code=other&status=open"));

        var (_, xml) = await client.GetXmlAsync("requests.xml?service_code=wage_arrears");
        Assert.Equal([third, first], xml.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value));

        // The default window is the last 90 days.
        _app.Clock.Advance(TimeSpan.FromDays(91));
        var later = await CreateAsync(client, "13900000004", "other");
        Assert.Equal([later], await IdsAsync(client, "requests.json"));
        Assert.Equal([third, second, first], await IdsAsync(client, "requests.json?start_date=2026-11-01T00:00:00%2B08:00&end_date=2026-12-01T00:00:00%2B08:00"));
    }

    [Theory]
    [InlineData("start_date=2026-08-01T00:00:00Z&end_date=2026-11-23T00:00:00Z", 400)]
    [InlineData("start_date=2026-11-23T00:00:00Z&end_date=2026-11-22T00:00:00Z", 400)]
    [InlineData("start_date=2026-11-23T00:00:00", 400)]
    [InlineData("start_date=2026-11-23", 400)]
    [InlineData("end_date=yesterday", 400)]
    [InlineData("status=pending", 400)]
    [InlineData("service_code=potholes", 404)]
    public async Task Bad_filters_get_the_standards_errors(string filter, int code)
    {
        using var client = _app.CreateClient();

        var (status, json) = await client.GetJsonAsync("requests.json?" + filter);
        var (xmlStatus, xml) = await client.GetXmlAsync("requests.xml?" + filter);

        Assert.Equal(code, (int)status);
        Open311Client.AssertErrors(json, code);
        Assert.Equal(code, (int)xmlStatus);
        Open311Client.AssertErrors(xml, code);
    }

    [Fact]
    public async Task The_list_reads_the_days_index_not_the_cases_table()
    {
        using var client = _app.CreateClient();
        var indexed = await CreateAsync(client, "13900000001", "wage_arrears");

        // A case the index does not name is not found by a date query, only by its id: nothing scans the cases.
        var now = _app.Clock.GetUtcNow();
        await Cases.CreateAsync(
            new CaseRecord { TicketId = "HHHHHHHH", TrackingCodeHash = "", Status = CaseStatus.Received, Channel = "api", Description = "x", Language = "zh-CN", ReceivedAt = now },
            new AuditEntry(now, AuditEntry.CallerActor, "received", null, CaseStatus.Received, null), CancellationToken.None);

        Assert.Equal([indexed], await IdsAsync(client, "requests.json"));
        Assert.Equal(["HHHHHHHH"], await IdsAsync(client, "requests.json?service_request_id=HHHHHHHH"));
    }

    [Fact]
    public async Task A_storage_failure_is_the_standards_general_error_not_a_500_problem()
    {
        using var client = _app.CreateClient();
        await _app.Storage.ReceivedDays.DeleteAsync();
        _app.ExpectWarnings("GetOpen311Requests failed");

        using var response = await client.GetAsync(Open311Client.Base + "requests.json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Open311Client.AssertErrors(await Open311Client.JsonAsync(response), 503);
    }

    private static void AssertRequestShape(JsonElement request)
    {
        // As the standard lists them: strings, except the optional ones that may be null.
        foreach (var name in new[] { "service_request_id", "status", "status_notes", "service_name", "service_code", "requested_datetime", "updated_datetime" })
        {
            Assert.Equal(JsonValueKind.String, request.GetProperty(name).ValueKind);
        }

        foreach (var name in new[] { "description", "agency_responsible", "expected_datetime", "address_id" })
        {
            Assert.True(request.GetProperty(name).ValueKind is JsonValueKind.String or JsonValueKind.Null, name);
        }

        Assert.Contains(request.GetProperty("status").GetString(), new[] { "open", "closed" });
        Assert.True(W3cDateTime.IsW3c(request.GetProperty("requested_datetime").GetString()!));
        Assert.True(W3cDateTime.IsW3c(request.GetProperty("updated_datetime").GetString()!));
        foreach (var personal in new[] { "phone", "first_name", "last_name", "email", "address", "lat", "long", "account_id", "device_id" })
        {
            Assert.False(request.TryGetProperty(personal, out _), personal);
        }
    }

    private static void AssertNothingPersonal(Open311Client.Transcript transcript)
    {
        Assert.NotEmpty(transcript.Bodies);
        foreach (var body in transcript.Bodies)
        {
            foreach (var personal in new[] { "13900001234", "1390000", "张伟", "拖欠", "zhang@example.org", "device-1" })
            {
                Assert.DoesNotContain(personal, body, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<string> CreateAsync(HttpClient client, string phone, string code)
    {
        var (status, json) = await client.PostJsonAsync(Report(phone, code));
        Assert.Equal(HttpStatusCode.OK, status);
        return json[0].GetProperty("service_request_id").GetString()!;
    }

    private async Task CloseAsync(string ticketId)
    {
        var (record, etag) = (await Cases.GetAsync(ticketId, CancellationToken.None))!.Value;
        var now = _app.Clock.GetUtcNow();
        await Cases.UpdateAsync(record with { Status = CaseStatus.Closed, ClosedAt = now }, etag,
            new AuditEntry(now, AuditEntry.SystemActor, "close", record.Status, CaseStatus.Closed, "test"), CancellationToken.None);
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        var (status, json) = await client.GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. json.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!)];
    }

    private static string W3c(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    public void Dispose() => _app.Dispose();
}
