using Hotline.Cases;
using Hotline.Hosting;
using Hotline.Intake;
using Hotline.Intake.WebForm;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Hotline.Open311;

/// <summary>
/// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) at <c>/api/open311/v2/</c>: discovery, the services (our
/// categories), a service's definition, requests in (a case, exactly as a submission makes one) and out (without
/// personal data). Each path ends in <c>.xml</c> or <c>.json</c>; every error is the standard's <c>errors</c>
/// document with 400, 403 or 404 (<see cref="Open311ErrorsMiddleware"/> for the unexpected ones).
/// </summary>
public sealed class Open311Functions(
    CaseIntake intake,
    CaseStore cases,
    Open311ApiKeys apiKeys,
    Open311RequestFinder finder,
    TimeProvider time,
    IOptions<IntakeOptions> intakeOptions,
    IOptions<Open311Options> options,
    IOptions<PublicOptions> publicOptions)
{
    public const string RoutePrefix = "api/open311/v2/";

    /// <summary>When this API's contract last changed: the discovery document's changeset.</summary>
    private const string Changeset = "2026-12-01T00:00:00+08:00";

    public static bool AppliesTo(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.FunctionDefinition.Name is nameof(GetOpen311Discovery) or nameof(GetOpen311Services) or nameof(GetOpen311ServiceDefinition)
            or nameof(PostOpen311Request) or nameof(GetOpen311Requests) or nameof(GetOpen311Request);
    }

    [Function(nameof(GetOpen311Discovery))]
    public IResult GetOpen311Discovery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RoutePrefix + "discovery.{format}")] HttpRequest request,
        string format)
    {
        if (FormatOf(format) is not { } f)
        {
            return UnknownFormat();
        }

        var url = publicOptions.Value.BaseUrl.TrimEnd('/') + "/" + RoutePrefix.TrimEnd('/');
        var endpoint = new Open311Endpoint("http://wiki.open311.org/GeoReport_v2", url, Changeset, "production", ["text/xml", "application/json"]);
        return Open311Answers.Discovery(f, new Open311Discovery(Changeset, options.Value.Contact, options.Value.KeyService, [endpoint]));
    }

    [Function(nameof(GetOpen311Services))]
    public IResult GetOpen311Services(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RoutePrefix + "services.{format}")] HttpRequest request,
        string format) =>
        FormatOf(format) is { } f ? Open311Answers.Services(f, Open311Catalog.Services(IsEnglish(request))) : UnknownFormat();

    [Function(nameof(GetOpen311ServiceDefinition))]
    public IResult GetOpen311ServiceDefinition(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RoutePrefix + "services/{serviceCode}.{format}")] HttpRequest request,
        string serviceCode,
        string format)
    {
        if (FormatOf(format) is not { } f)
        {
            return UnknownFormat();
        }

        return Open311Catalog.IsService(serviceCode)
            ? Open311Answers.ServiceDefinition(f, new Open311ServiceDefinition(serviceCode, []))
            : Open311Answers.Error(StatusCodes.Status404NotFound, f, "service_code was not found.");
    }

    [Function(nameof(PostOpen311Request))]
    public async Task<IResult> PostOpen311Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RoutePrefix + "requests.{format}")] HttpRequest request,
        string format,
        CancellationToken cancellationToken)
    {
        if (FormatOf(format) is not { } f)
        {
            return UnknownFormat();
        }

        var read = await Open311RequestForm.ReadAsync(request, intakeOptions.Value.MaxBodyBytes, cancellationToken);
        if (read.Form is not { } form)
        {
            return Open311Answers.Errors(StatusCodes.Status400BadRequest, f, read.Error!);
        }

        // The key first: someone without one learns nothing about what else is wrong with the request.
        if (!apiKeys.IsValid(form.ApiKey))
        {
            return Open311Answers.Error(StatusCodes.Status403Forbidden, f, apiKeys.Any
                ? "Invalid api_key received -- can't proceed with create_request."
                : "This server takes no service requests yet: no api_key has been issued.");
        }

        if (form.ServiceCode is null)
        {
            return Open311Answers.Error(StatusCodes.Status400BadRequest, f, "service_code is required.");
        }

        if (!Open311Catalog.IsService(form.ServiceCode))
        {
            return Open311Answers.Error(StatusCodes.Status404NotFound, f, "service_code was not found.");
        }

        if (form.LocationProblem() is { } location)
        {
            return Open311Answers.Error(StatusCodes.Status400BadRequest, f, location);
        }

        var (submission, errors) = SubmissionValidator.Validate(form.ToSubmission(), intakeOptions.Value, "en");
        if (submission is null)
        {
            return Open311Answers.Errors(StatusCodes.Status400BadRequest, f,
                [.. errors.SelectMany(e => e.Value.Select(message => new Open311Error(StatusCodes.Status400BadRequest, $"{Parameter(e.Key)}: {message}")))]);
        }

        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 200)
        {
            return Open311Answers.Error(StatusCodes.Status400BadRequest, f, "Idempotency-Key may be at most 200 characters.");
        }

        CaseIntake.Outcome outcome;
        try
        {
            // Scoped, so a partner's key can never meet a key a web caller chose.
            outcome = await intake.SubmitAsync(submission, "open311", idempotencyKey.Length == 0 ? null : "open311:" + idempotencyKey, cancellationToken);
        }
        catch (CaseIntake.KeyReusedException)
        {
            return Open311Answers.Errors(StatusCodes.Status400BadRequest, f, new Open311Error(StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was already used for a different request."));
        }

        var english = IsEnglish(request);
        var notice = outcome.Merged
            ? (english ? "The same caller already has an open case of this kind: the report was added to it." : "该来电人已有同类在办工单，本次诉求已并入该工单。")
            : (english ? "Received. The caller gets a text with a tracking code if a mobile number was given." : "已受理。如留有手机号，来电人将收到含查询码的短信。");
        return Open311Answers.Created(f, new Open311CreatedRequest(outcome.TicketId, notice));
    }

    [Function(nameof(GetOpen311Requests))]
    public async Task<IResult> GetOpen311Requests(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RoutePrefix + "requests.{format}")] HttpRequest request,
        string format,
        CancellationToken cancellationToken)
    {
        if (FormatOf(format) is not { } f)
        {
            return UnknownFormat();
        }

        var parsed = Open311RequestQuery.Parse(request.Query, time.GetUtcNow());
        if (parsed.Query is not { } query)
        {
            return Open311Answers.Errors(parsed.ErrorStatus, f, parsed.Error!);
        }

        return Open311Answers.Requests(f, await finder.FindAsync(query, IsEnglish(request), cancellationToken));
    }

    [Function(nameof(GetOpen311Request))]
    public async Task<IResult> GetOpen311Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RoutePrefix + "requests/{serviceRequestId}.{format}")] HttpRequest request,
        string serviceRequestId,
        string format,
        CancellationToken cancellationToken)
    {
        if (FormatOf(format) is not { } f)
        {
            return UnknownFormat();
        }

        var id = TicketId.Normalize(serviceRequestId);
        var found = id is null ? null : await cases.GetAsync(id, cancellationToken);
        return found is { Record: var record }
            ? Open311Answers.Requests(f, [Open311RequestView.From(record, IsEnglish(request))])
            : Open311Answers.Error(StatusCodes.Status404NotFound, f, "service_request_id was not found.");
    }

    /// <summary>The extension the path ends in; null for one the standard does not define.</summary>
    public static Open311Format? FormatOf(string? extension) => extension?.ToLowerInvariant() switch
    {
        "xml" => Open311Format.Xml,
        "json" => Open311Format.Json,
        _ => null,
    };

    /// <summary>The format of a path, for an answer written before (or without) the function: JSON only when asked for.</summary>
    public static Open311Format FormatOfPath(PathString path) =>
        path.Value?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true ? Open311Format.Json : Open311Format.Xml;

    /// <summary>Unknown extension: no such resource, said in XML, the one format every client reads.</summary>
    private static Open311Response UnknownFormat() =>
        Open311Answers.Error(StatusCodes.Status404NotFound, Open311Format.Xml, "Unknown format: use .xml or .json.");

    /// <summary>Names in English by <c>?lang=en</c>; Chinese otherwise, the hotline's language.</summary>
    private static bool IsEnglish(HttpRequest request) => PageLanguage.From(request.Query["lang"]).IsEnglish;

    /// <summary>The standard's parameter behind an intake field, so a partner knows what to fix.</summary>
    private static string Parameter(string field) => field switch
    {
        SubmissionFields.NameField => "first_name/last_name",
        SubmissionFields.RegionField => "address_id",
        SubmissionFields.CategoryField => "service_code",
        _ => field,
    };
}
