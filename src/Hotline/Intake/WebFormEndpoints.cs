using Hotline.Cases;
using Hotline.Intake.WebForm;
using Hotline.Routing;
using Microsoft.Extensions.Options;

namespace Hotline.Intake;

/// <summary>
/// The WebForm function: the caller's pages (form, status lookup, stylesheet). Its function.json route is the
/// catch-all, so every other path answers 404 here.
/// </summary>
public static class WebFormEndpoints
{
    public static IEndpointRouteBuilder MapWebForm(this IEndpointRouteBuilder app)
    {
        app.MapGet(PageLayout.FormPath, async (string? lang, DirectoryProvider directories, IOptions<IntakeOptions> options, CancellationToken cancellationToken) =>
            Html(WebFormPages.RenderForm(lang, await directories.GetAsync(cancellationToken), options.Value, values: null, errors: null), StatusCodes.Status200OK));

        app.MapGet(StatusPage.LookupPath, async (string? ticketId, string? code, string? lang, CaseStore cases, CancellationToken cancellationToken) =>
        {
            var language = PageLanguage.From(lang).Code;
            var status = await SubmissionEndpoints.GetCaseStatus(ticketId ?? "", code, cases, cancellationToken);
            return status.Result is Microsoft.AspNetCore.Http.HttpResults.Ok<CaseStatusView> ok
                ? Html(StatusPage.Render(language, ok.Value!), StatusCodes.Status200OK)
                : Html(StatusPage.RenderNotFound(language, ticketId), StatusCodes.Status404NotFound);
        }).RequireRateLimiting(SubmissionEndpoints.StatusRateLimitPolicy);

        app.MapGet(WebFormStyles.Path, (HttpContext context) =>
        {
            // The pages link the stylesheet with a content hash, so it never changes under a cached copy.
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return TypedResults.Text(WebFormStyles.Css, WebFormStyles.ContentType);
        });

        app.MapGet("/{*page}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"));
        return app;
    }

    internal static IResult Html(string html, int status) =>
        TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
