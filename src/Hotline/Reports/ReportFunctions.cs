using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.Reports;

/// <summary>
/// GetReport: the report as JSON. The Functions host lets only the admin (master) key through, so nothing else is
/// checked here.
/// </summary>
public sealed class ReportFunctions(DirectoryProvider directories, ReportReader reader, TimeProvider time)
{
    [Function(nameof(GetReport))]
    public async Task<Results<JsonHttpResult<CaseReport>, ValidationProblem>> GetReport(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/report")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var directory = await directories.GetAsync(cancellationToken);
        var (query, errors) = ReportQuery.Parse(
            request.Query[ReportQuery.FromField], request.Query[ReportQuery.ToField], request.Query[ReportQuery.UnitField], Today(), directory);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The report's range or unit has problems.");
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(await reader.ReadAsync(query, directory, cancellationToken), ReportJsonContext.Default.CaseReport);
    }

    private DateOnly Today() => UnitDay.ChinaDay(time.GetUtcNow());
}
