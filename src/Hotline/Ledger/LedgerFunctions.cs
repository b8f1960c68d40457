using System.Globalization;
using Hotline.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.Ledger;

/// <summary>
/// GetLedger: <c>GET /api/admin/ledger.csv?from=&amp;to=&amp;unit=</c> (台账), one row per case received in the range.
/// The Functions host lets only the admin (master) key through. The query is checked before anything is written, so
/// a bad one is a 400 problem; after that the rows stream (<see cref="LedgerReader"/>, <see cref="LedgerCsv"/>).
/// </summary>
public sealed class LedgerFunctions(DirectoryProvider directories, LedgerReader reader, TimeProvider time)
{
    [Function(nameof(GetLedger))]
    public async Task<Results<PushStreamHttpResult, ValidationProblem>> GetLedger(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/ledger.csv")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var directory = await directories.GetAsync(cancellationToken);
        var (query, errors) = LedgerQuery.Parse(request.Query, directory, time.GetUtcNow());
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The ledger query has problems.");
        }

        // The rows are written after the function returns, while the worker runs the result: the request's own token
        // ends the reading when the client goes away.
        var aborted = request.HttpContext.RequestAborted;
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var name = string.Create(CultureInfo.InvariantCulture, $"ledger-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}.csv");
        return TypedResults.Stream(body => LedgerCsv.WriteAsync(body, reader.ReadAsync(query, aborted), aborted), LedgerCsv.ContentType, name);
    }
}
