using Hotline.Intake.WebForm;
using Hotline.Routing.Directory;

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
