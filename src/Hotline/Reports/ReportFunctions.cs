using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.Reports;

/// <summary>
/// GetReport (the report as JSON) and RebuildReport (count a range's cases again). The Functions host lets only the
/// admin (master) key through, so nothing else is checked here.
/// </summary>
public sealed class ReportFunctions(DirectoryProvider directories, ReportReader reader, ReportRebuild rebuild, TimeProvider time)
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

    /// <summary>Counts the cases received in the range again (at most <see cref="ReportRebuild.MaxDays"/> days; no default range).</summary>
    [Function(nameof(RebuildReport))]
    public async Task<Results<JsonHttpResult<ReportRebuilt>, ValidationProblem>> RebuildReport(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "api/admin/report/rebuild")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        string? from = request.Query[ReportQuery.FromField];
        string? to = request.Query[ReportQuery.ToField];
        var (query, errors) = ReportQuery.Parse(from, to, unit: null, Today(), await directories.GetAsync(cancellationToken));
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            errors[string.IsNullOrWhiteSpace(from) ? ReportQuery.FromField : ReportQuery.ToField] = ["Both dates are required to rebuild (yyyy-MM-dd)."];
        }
        else if (query is { Days: > ReportRebuild.MaxDays })
        {
            errors[ReportQuery.ToField] = [$"At most {ReportRebuild.MaxDays} days per rebuild."];
        }

        if (errors.Count > 0 || query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The rebuild's range has problems.");
        }

        var counted = await rebuild.RebuildAsync(query.From, query.To, cancellationToken);
        return TypedResults.Json(new ReportRebuilt(Iso(query.From), Iso(query.To), counted), ReportJsonContext.Default.ReportRebuilt);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private DateOnly Today() => UnitDay.ChinaDay(time.GetUtcNow());
}
