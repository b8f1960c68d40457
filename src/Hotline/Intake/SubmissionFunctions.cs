using Hotline.Cases;
using Hotline.Hosting;
using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Hotline.Intake;

/// <summary>
/// The SubmitCase and GetCaseStatus functions: a caller's report in, its status out. Both are rate limited per
/// client by <see cref="RateLimitMiddleware"/>.
/// </summary>
public sealed class SubmissionFunctions(
    CaseIntake intake,
    PublicUrls urls,
    DirectoryProvider directories,
    CaseStore cases,
    IOptions<IntakeOptions> options)
{
    [Function(nameof(SubmitCase))]
    public async Task<IResult> SubmitCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/submissions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var read = await SubmissionReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        var html = read.Format == SubmissionReader.Format.Form && SubmissionPages.PrefersHtml(request);
        if (read.Problem is not null)
        {
            return html && read.Problem is IStatusCodeHttpResult { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? SubmissionPages.TooLarge(request, await directories.GetAsync(cancellationToken), options.Value)
                : read.Problem;
        }

        var fields = read.Fields!;
        var messageLanguage = fields.Language ?? (html ? "zh-CN" : "en");
        var (submission, errors) = SubmissionValidator.Validate(fields, options.Value, messageLanguage);
        if (submission is null)
        {
            return html
                ? SubmissionPages.Invalid(fields, errors, messageLanguage, await directories.GetAsync(cancellationToken), options.Value)
                : TypedResults.ValidationProblem(errors, title: "The submission has problems.");
        }

        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 200)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key too long", detail: "Use at most 200 characters.");
        }

        CaseIntake.Outcome outcome;
        try
        {
            var channel = html ? "web" : "api";
            outcome = await intake.SubmitAsync(submission, channel, idempotencyKey.Length == 0 ? null : idempotencyKey, cancellationToken);
        }
        catch (CaseIntake.KeyReusedException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used for a different submission.");
        }

        if (outcome.Merged)
        {
            var merged = SubmissionReceipt.ForMerged();
            return html ? SubmissionPages.Accepted(merged, submission.Language) : TypedResults.Accepted((string?)null, merged);
        }

        var statusUrl = urls.CaseStatus(outcome.TicketId, outcome.TrackingCode);
        var receipt = new SubmissionReceipt(outcome.TicketId, outcome.TrackingCode, outcome.Status, statusUrl);
        return html
            ? SubmissionPages.Accepted(receipt, submission.Language)
            : TypedResults.Accepted(statusUrl, receipt);
    }

    [Function(nameof(GetCaseStatus))]
    public Task<Results<Ok<CaseStatusView>, ProblemHttpResult>> GetCaseStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/submissions/{ticketId}")] HttpRequest request,
        string ticketId,
        CancellationToken cancellationToken) =>
        FindStatusAsync(cases, ticketId, request.Query["code"], cancellationToken);

    internal static async Task<Results<Ok<CaseStatusView>, ProblemHttpResult>> FindStatusAsync(
        CaseStore cases,
        string ticketId,
        string? code,
        CancellationToken cancellationToken)
    {
        // Unknown id, malformed id and wrong code answer alike, so the endpoint tells a guesser nothing.
        var notFound = TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such case", detail: "Check the ticket id and the tracking code.");
        var id = TicketId.Normalize(ticketId);
        if (id is null)
        {
            return notFound;
        }

        var found = await cases.GetAsync(id, cancellationToken);
        if (found is not { Record: var record } || !TrackingCode.Matches(id, code, record.TrackingCodeHash))
        {
            return notFound;
        }

        return TypedResults.Ok(new CaseStatusView(
            record.TicketId, record.Status, record.Category, record.UnitName, record.ReceivedAt,
            record.AssignedAt, record.AcknowledgedAt, record.ResolvedAt, record.ClosedAt));
    }
}
