using System.Globalization;
using Hotline.Intake.WebForm;
using Hotline.Routing.Directory;
using Microsoft.AspNetCore.WebUtilities;

namespace Hotline.Intake;

/// <summary>HTML answers to a plain form post (no JavaScript needed on the caller's phone).</summary>
public static class SubmissionPages
{
    public static bool PrefersHtml(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accept = request.Headers.Accept.ToString();

        // Browsers send text/html first; a program posting a form with Accept: application/json gets JSON.
        return accept.Length == 0 || accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)
            || !accept.Contains("json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A post from the web form (or another page): it gets pages back, also when it is refused.</summary>
    public static bool IsBrowserFormPost(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HasFormContentType && PrefersHtml(request);
    }

    /// <summary>429 to a form post: the form again with what the caller wrote, and when to send it.</summary>
    public static IResult TooMany(HttpRequest request, SubmissionFields? fields, UnionDirectory directory, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = PageLanguage.From(fields?.Language ?? LanguageOf(request));
        var errors = new Dictionary<string, string[]>
        {
            [RefusalField] = [language.Pick(
                "提交太频繁，请稍等一分钟再点“提交”。您填写的内容还在下面。",
                "Too many reports from this connection: please wait a minute, then send again. What you wrote is still below.")],
        };
        var html = WebFormPages.RenderForm(language.Code, directory, options, fields, errors);
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status429TooManyRequests);
    }

    /// <summary>413 to a form post, answered from Content-Length before the body is read: the text cannot be kept.</summary>
    public static IResult TooLarge(HttpRequest request, UnionDirectory directory, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var language = PageLanguage.From(LanguageOf(request));
        var errors = new Dictionary<string, string[]>
        {
            [RefusalField] = [language.Pick(
                string.Create(CultureInfo.InvariantCulture, $"内容太长，无法提交。请把描述缩短到 {options.MaxDescriptionLength} 字以内后再提交。"),
                string.Create(CultureInfo.InvariantCulture, $"Your report was too long to send. Please shorten the description to at most {options.MaxDescriptionLength} characters and send it again."))],
        };
        var html = WebFormPages.RenderForm(language.Code, directory, options, values: null, errors);
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>503 to a form post when storage cannot be reached: the form again with what the caller wrote, nothing kept.</summary>
    public static IResult Unavailable(HttpRequest request, SubmissionFields? fields, UnionDirectory directory, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = PageLanguage.From(fields?.Language ?? LanguageOf(request));
        var errors = new Dictionary<string, string[]>
        {
            [RefusalField] = [language.Pick(
                "系统暂时无法保存，您的反映还没有提交。请稍等一分钟再点“提交”。您填写的内容还在下面。",
                "We cannot save reports just now, so yours was not sent. Please wait a minute, then send it again. What you wrote is still below.")],
        };
        var html = WebFormPages.RenderForm(language.Code, directory, options, fields, errors);
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>503 to a caller's page (the status lookup) when storage cannot be reached, in the page's language.</summary>
    public static IResult UnavailablePage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var html = StatusPage.RenderUnavailable(PageLanguage.From(request.Query[WebFormPage.LanguageQuery]).Code);
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>429 to the status lookup page, in the page's language.</summary>
    public static IResult TooManyLookups(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var html = StatusPage.RenderTooMany(PageLanguage.From(request.Query[WebFormPage.LanguageQuery]).Code);
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The error summary's entry for a refusal of the whole post; it names no field.</summary>
    private const string RefusalField = "form";

    /// <summary>
    /// The language of a post whose body is not read: the page it was sent from says it (<c>/?lang=en</c>).
    /// </summary>
    private static string? LanguageOf(HttpRequest request)
    {
        if (Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && QueryHelpers.ParseQuery(referer.Query).TryGetValue(WebFormPage.LanguageQuery, out var lang))
        {
            return lang;
        }

        return request.Headers.AcceptLanguage.ToString().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? PageLanguage.English : null;
    }

    public static IResult Accepted(SubmissionReceipt receipt, string language)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var html = SubmissionAcceptedPage.Render(language, receipt.TicketId ?? "", receipt.TrackingCode ?? "", receipt.Merged);
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status202Accepted);
    }

    public static IResult Invalid(SubmissionFields fields, IReadOnlyDictionary<string, string[]> errors, string language, UnionDirectory directory, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var html = WebFormPages.RenderForm(language, directory, options, fields, errors);
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status400BadRequest);
    }
}
