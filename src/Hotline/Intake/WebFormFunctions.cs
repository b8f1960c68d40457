using Hotline.AdminPage;
using Hotline.Cases;
using Hotline.Intake.WebForm;
using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Hotline.Intake;

/// <summary>
/// The WebForm and WebFormAssets functions: the caller's pages (form, status lookup) and their stylesheet. Their
/// routes, <c>{page?}</c> and <c>assets/{*file}</c>, cannot match an <c>api/...</c> path, so they shadow no API
/// function on a host that tries routes in function order (the Functions host does).
/// </summary>
public sealed class WebFormFunctions(DirectoryProvider directories, CaseStore cases, IOptions<IntakeOptions> options)
{
    /// <summary>The one page name besides the form; its lookups are rate limited like the JSON status.</summary>
    public const string StatusPageName = "status";

    [Function(nameof(WebForm))]
    public async Task<IResult> WebForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{page?}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var page = request.Path.Value?.Trim('/') ?? "";
        string? lang = request.Query[WebFormPage.LanguageQuery];
        if (page.Length == 0)
        {
            return Html(WebFormPages.RenderForm(lang, await directories.GetAsync(cancellationToken), options.Value, values: null, errors: null), StatusCodes.Status200OK);
        }

        if (string.Equals(page, AdminPageFunctions.ShortPath, StringComparison.Ordinal))
        {
            return AdminPageFunctions.RedirectFromShortPath(request);
        }

        if (!string.Equals(page, StatusPageName, StringComparison.Ordinal))
        {
            return NotFound();
        }

        var language = PageLanguage.From(lang).Code;
        string? ticketId = request.Query[StatusPage.TicketIdField];
        var status = await SubmissionFunctions.FindStatusAsync(cases, ticketId ?? "", request.Query[StatusPage.CodeField], cancellationToken);
        return status.Result is Ok<CaseStatusView> ok
            ? Html(StatusPage.Render(language, ok.Value!), StatusCodes.Status200OK)
            : Html(StatusPage.RenderNotFound(language, ticketId), StatusCodes.Status404NotFound);
    }

    [Function(nameof(WebFormAssets))]
    public IResult WebFormAssets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{*file}")] HttpRequest request)
    {
        if (!string.Equals(request.Path.Value, WebFormStyles.Path, StringComparison.Ordinal))
        {
            return NotFound();
        }

        // The pages link the stylesheet with a content hash, so it never changes under a cached copy.
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Text(WebFormStyles.Css, WebFormStyles.ContentType);
    }

    internal static IResult Html(string html, int status) =>
        TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
