using Hotline.Cases;
using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.Officers;

/// <summary>
/// The officers' functions: GetOfficerTasks, AcknowledgeCase, ResolveCase, MarkCaseComplexity, ReclassifyCase, TransferCase and
/// GetCaseHistory. The Functions host checks the function key; <see cref="OfficerAuthenticationMiddleware"/> checks
/// the officer's own token before any of them runs, and <see cref="CaseTicketMiddleware"/> the route's ticket id.
/// </summary>
public sealed class OfficerFunctions(
    DirectoryProvider directories,
    OfficerTaskIndex tasks,
    OfficerCaseActions actions,
    CaseStore cases)
{
    /// <summary>The functions behind the officer's bearer token.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(GetOfficerTasks), nameof(AcknowledgeCase), nameof(ResolveCase), nameof(MarkCaseComplexity), nameof(ReclassifyCase), nameof(TransferCase), nameof(GetCaseHistory),
    };

    [Function(nameof(GetOfficerTasks))]
    public async Task<Results<Ok<OfficerTaskList>, ProblemHttpResult>> GetOfficerTasks(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/officers/{officerId}/tasks")] HttpRequest request,
        string officerId,
        CancellationToken cancellationToken)
    {
        var caller = AuthenticatedOfficer.From(request.HttpContext).Officer;
        if (!CaseAccess.CanSeeTasks(await directories.GetAsync(cancellationToken), caller, officerId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your task list", detail: "An officer sees their own tasks; a unit head those of the unit's officers.");
        }

        var open = await tasks.GetOpenCasesAsync(officerId, cancellationToken);
        return TypedResults.Ok(new OfficerTaskList(officerId, [.. open.Select(OfficerTask.Of)]));
    }

    [Function(nameof(AcknowledgeCase))]
    public async Task<Results<Ok<OfficerCaseView>, ValidationProblem, ProblemHttpResult>> AcknowledgeCase(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/cases/{ticketId}/acknowledge")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var id = CaseTicket.From(request.HttpContext);
        return ToResult(await actions.AcknowledgeAsync(AuthenticatedOfficer.From(request.HttpContext).Officer, id, cancellationToken));
    }

    [Function(nameof(ResolveCase))]
    public async Task<Results<Ok<OfficerCaseView>, ValidationProblem, ProblemHttpResult>> ResolveCase(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/cases/{ticketId}/resolve")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var id = CaseTicket.From(request.HttpContext);
        var (body, problem) = await JsonRequestBody.ReadAsync(request, HotlineJsonContext.Default.ResolveCaseRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (note, error) = CaseActionInput.CheckNote(body!.Note);
        if (error is not null)
        {
            return Invalid("note", error);
        }

        return ToResult(await actions.ResolveAsync(AuthenticatedOfficer.From(request.HttpContext).Officer, id, note!, cancellationToken));
    }

    [Function(nameof(MarkCaseComplexity))]
    public async Task<Results<Ok<OfficerCaseView>, ValidationProblem, ProblemHttpResult>> MarkCaseComplexity(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/cases/{ticketId}/complexity")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var id = CaseTicket.From(request.HttpContext);
        var (body, problem) = await JsonRequestBody.ReadAsync(request, HotlineJsonContext.Default.MarkComplexityRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var level = body!.Level?.Trim();
        if (!CaseComplexity.IsMarkable(level))
        {
            errors["level"] = [$"The level must be one of {string.Join(", ", CaseComplexity.Markable)}."];
        }

        var (reason, reasonError) = CaseActionInput.CheckReason(body.Reason);
        if (reasonError is not null)
        {
            errors["reason"] = [reasonError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The request has problems.");
        }

        return ToResult(await actions.MarkComplexityAsync(AuthenticatedOfficer.From(request.HttpContext).Officer, id, level!, reason!, cancellationToken));
    }

    [Function(nameof(ReclassifyCase))]
    public async Task<Results<Ok<OfficerCaseView>, ValidationProblem, ProblemHttpResult>> ReclassifyCase(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/cases/{ticketId}/reclassify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var id = CaseTicket.From(request.HttpContext);
        var (body, problem) = await JsonRequestBody.ReadAsync(request, HotlineJsonContext.Default.ReclassifyCaseRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var category = body!.Category?.Trim();
        var priority = body.Priority?.Trim();
        if (category is null && priority is null)
        {
            errors["category"] = ["Give the corrected category, priority, or both."];
        }

        if (category is not null && !CaseCategory.IsKnown(category))
        {
            errors["category"] = [$"The category must be one of {string.Join(", ", CaseCategory.All)}."];
        }

        if (priority is not null && !CasePriority.IsKnown(priority))
        {
            errors["priority"] = [$"The priority must be one of {string.Join(", ", CasePriority.All)}."];
        }

        var (reason, reasonError) = CaseActionInput.CheckReason(body.Reason);
        if (reasonError is not null)
        {
            errors["reason"] = [reasonError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The request has problems.");
        }

        return ToResult(await actions.ReclassifyAsync(AuthenticatedOfficer.From(request.HttpContext).Officer, id, category, priority, reason!, cancellationToken));
    }

    [Function(nameof(TransferCase))]
    public async Task<Results<Ok<OfficerCaseView>, ValidationProblem, ProblemHttpResult>> TransferCase(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/cases/{ticketId}/transfer")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var id = CaseTicket.From(request.HttpContext);
        var (body, problem) = await JsonRequestBody.ReadAsync(request, HotlineJsonContext.Default.TransferCaseRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var unitId = body!.UnitId?.Trim();
        if (!OfficerIds.IsDirectoryId(unitId))
        {
            errors["unitId"] = ["A unit id from the directory is required."];
        }

        var (reason, reasonError) = CaseActionInput.CheckReason(body.Reason);
        if (reasonError is not null)
        {
            errors["reason"] = [reasonError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The request has problems.");
        }

        return ToResult(await actions.TransferAsync(AuthenticatedOfficer.From(request.HttpContext).Officer, id, unitId!, reason!, cancellationToken));
    }

    [Function(nameof(GetCaseHistory))]
    public async Task<Results<Ok<CaseHistory>, ProblemHttpResult>> GetCaseHistory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/cases/{ticketId}/history")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var id = CaseTicket.From(request.HttpContext);
        if (await cases.GetAsync(id, cancellationToken) is not { Record: var record })
        {
            return NoSuchCase();
        }

        var caller = AuthenticatedOfficer.From(request.HttpContext).Officer;
        if (!CaseAccess.CanReadHistory(await directories.GetAsync(cancellationToken), caller, record))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your unit's case", detail: "The history is for the case's unit and the heads of the units above it.");
        }

        return TypedResults.Ok(await HistoryAsync(cases, record, cancellationToken));
    }

    internal static async Task<CaseHistory> HistoryAsync(CaseStore cases, CaseRecord record, CancellationToken cancellationToken)
    {
        var entries = await cases.GetHistoryAsync(record.TicketId, cancellationToken);
        return new CaseHistory(record.TicketId, record.Status, [.. entries.Select(CaseHistoryEntry.Of)]);
    }

    internal static ProblemHttpResult NotATicketId() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a ticket id", detail: "A ticket id has 8 letters and digits, e.g. 7KQ4-MX2P.");

    internal static ProblemHttpResult NoSuchCase() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such case", detail: "No case has this ticket id.");

    private static Results<Ok<OfficerCaseView>, ValidationProblem, ProblemHttpResult> ToResult(CaseActionOutcome outcome) => outcome.Status switch
    {
        CaseActionStatus.Done => TypedResults.Ok(OfficerCaseView.Of(outcome.Case!)),
        CaseActionStatus.NotFound => NoSuchCase(),
        CaseActionStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your case", detail: outcome.Detail),
        CaseActionStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case's state does not allow this", detail: outcome.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: outcome.Detail),
    };

    private static ValidationProblem Invalid(string field, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }, title: "The request has problems.");
}
