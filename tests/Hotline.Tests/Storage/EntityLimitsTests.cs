using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Hotline.Intake;
using Hotline.Routing;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Storage;

/// <summary>
/// The largest records the app writes, held to the Table service's limits (Azurite would take more): what is stored,
/// read back, and what went over the wire.
/// </summary>
public sealed class EntityLimitsTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_case_merged_until_its_text_is_cut_stays_inside_the_service_limits_with_its_audit_trail()
    {
        using var client = _app.CreateClient();
        var longest = new string('欠', 4000);
        var first = await SubmitAsync(client, longest);
        var ticketId = first.GetProperty("ticketId").GetString()!;
        for (var i = 0; i < 4; i++)
        {
            _app.Clock.Advance(TimeSpan.FromHours(1));
            Assert.True((await SubmitAsync(client, longest)).GetProperty("merged").GetBoolean());
        }

        var rows = await _app.Storage.Cases.RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {ticketId}"));

        var record = Assert.Single(rows, r => r.RowKey == "case");
        Assert.True(record.GetString("Description")!.Length > DuplicateReports.MaxCaseText - 100, "the case text should have grown to its cap");
        Assert.Equal(5, rows.Count(r => r.RowKey.StartsWith("audit-", StringComparison.Ordinal)));
        Assert.All(rows, TableServiceLimits.AssertWithin);
        Assert.NotEmpty(_app.TableRequests.Transactions);
        _app.TableRequests.AssertWithinLimits();
    }

    [Fact]
    public async Task The_largest_directory_document_stays_inside_the_service_limits_chunk_by_chunk_and_batch_by_batch()
    {
        // Chinese text is the worst case on the wire: the SDK writes each such character as a six-byte JSON escape.
        var json = new string('会', DirectoryStore.MaxDocumentChars);
        var saved = await _app.Services.GetRequiredService<DirectoryStore>().SaveAsync(json, default);

        var chunks = await _app.Storage.Directory.RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {saved.Partition}"));

        Assert.Equal(saved.Chunks, chunks.Count);
        Assert.All(chunks, TableServiceLimits.AssertWithin);
        Assert.True(_app.TableRequests.Transactions.Count > 1, "a document this large takes several transactions");
        _app.TableRequests.AssertWithinLimits();
        Assert.Equal(json, await _app.Services.GetRequiredService<DirectoryStore>().GetDocumentAsync(saved, default));
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient client, string description)
    {
        using var response = await client.PostAsJsonAsync("/api/submissions", new
        {
            description,
            phone = "13900003333",
            category = "wage_arrears",
            region = "621124",
            name = new string('张', 50),
            employer = new string('厂', 200),
            affectedCount = 25,
            consent = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
