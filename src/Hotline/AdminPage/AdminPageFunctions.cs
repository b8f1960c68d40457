using Hotline.Intake.WebForm;
using Hotline.Reports;
using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.AdminPage;

/// <summary>
/// AdminDashboard: the report as a page for a browser, at <see cref="AdminLinks.PagePath"/>. The spec's
/// <c>/admin</c> cannot be its route: the Functions host refuses any function route that starts with "admin" (its
/// own API's space; <c>ScriptHost.ValidateHttpFunction</c>), so the caller pages' function answers <c>/admin</c>
/// with a redirect here (<see cref="RedirectFromShortPath"/>), query and key kept. The host lets only the admin
/// (master) key through, as a browser brings it: <c>?code=</c>.
/// </summary>
public sealed class AdminPageFunctions(DirectoryProvider directories, ReportReader reader, TimeProvider time)
{
    /// <summary>The address people are given (the spec's); one segment, so the caller pages' route <c>{page?}</c> gets it.</summary>
    public const string ShortPath = "admin";

    [Function(nameof(AdminDashboard))]
    public async Task<ContentHttpResult> AdminDashboard(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/dashboard")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var directory = await directories.GetAsync(cancellationToken);
        string? from = request.Query[ReportQuery.FromField];
        string? to = request.Query[ReportQuery.ToField];
        string? unit = request.Query[ReportQuery.UnitField];
        var language = PageLanguage.From(request.Query[AdminLinks.LanguageField]);
        var now = time.GetUtcNow();
        var (query, errors) = ReportQuery.Parse(from, to, unit, UnitDay.ChinaDay(now), directory);

        // The page and its links carry the key: no cache on the way may keep them.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (query is null)
        {
            var typed = new AdminLinks(request.Query[AdminLinks.CodeField], from, to, unit, language);
            return Html(AdminReportPage.RenderProblems(errors, directory, typed, now), StatusCodes.Status400BadRequest);
        }

        var report = await reader.ReadAsync(query, directory, cancellationToken);
        var links = new AdminLinks(request.Query[AdminLinks.CodeField], report.From, report.To, query.UnitId, language);
        return Html(AdminReportPage.Render(report, directory, links), StatusCodes.Status200OK);
    }

    /// <summary><c>GET /admin</c> → the page, with the query (range, unit, language, key) as it came.</summary>
    public static IResult RedirectFromShortPath(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect(AdminLinks.PagePath + request.QueryString.Value);
    }

    private static ContentHttpResult Html(string html, int status) =>
        TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
