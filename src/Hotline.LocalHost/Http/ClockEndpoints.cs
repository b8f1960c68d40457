using Hotline.Hosting;
using System.Text.Json;
using System.Xml;
using Hotline.LocalHost.Clock;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Http;

/// <summary>
/// <c>GET /admin/clock</c> shows the local run's clock; <c>POST /admin/clock</c> with <c>{"advance":"PT8H"}</c> or
/// <c>{"to":"2026-12-02T08:00:00+08:00"}</c> moves it forward (never back) and answers the new time once the worker
/// sees it. Both need the master key, like the host's other admin endpoints. Only with <c>Hotline__Clock__StartAt</c>.
/// </summary>
internal static partial class ClockEndpoints
{
    /// <summary>Ten years: far beyond any window or survey, and far from the end of <see cref="DateTimeOffset"/>.</summary>
    private static readonly TimeSpan MaxMove = TimeSpan.FromDays(3650);

    private const string UsageHint =
        "Send a JSON object with exactly one of \"advance\" (an ISO 8601 duration such as \"PT8H\") or \"to\" (an instant with its offset such as \"2026-12-02T08:00:00+08:00\").";

    public static void MapClockEndpoints(this IEndpointRouteBuilder endpoints, FunctionKeys keys, MovedClock? clock, TimeProvider realTime, ILogger<MovedClock> logger)
    {
        endpoints.MapGet("/admin/clock", (HttpRequest http) =>
            AdminEndpoints.Refusal(http, keys) ?? TypedResults.Ok(State(clock, realTime)));
        endpoints.MapPost("/admin/clock", async (HttpRequest http) =>
        {
            if (AdminEndpoints.Refusal(http, keys) is { } refused)
            {
                return refused;
            }

            // Read here rather than bound, so a body that is not the expected JSON gets a message saying what is.
            ClockMoveRequest? request;
            try
            {
                request = http.ContentLength == 0 ? null : await JsonSerializer.DeserializeAsync(http.Body, LocalHostJsonContext.Default.ClockMoveRequest, http.HttpContext.RequestAborted);
            }
            catch (JsonException)
            {
                return Invalid("body", UsageHint);
            }

            return Move(request, clock, logger);
        });
    }

    private static IResult Move(ClockMoveRequest? request, MovedClock? clock, ILogger logger)
    {
        if (clock is null)
        {
            return TypedResults.Problem(
                title: "The clock is not moved in this run",
                detail: $"Set {MovedClock.StartAtSetting} (an instant with its offset, in local.settings.json Values or the environment) and start the local host again.",
                statusCode: StatusCodes.Status409Conflict);
        }

        bool advance = !string.IsNullOrWhiteSpace(request?.Advance);
        bool to = !string.IsNullOrWhiteSpace(request?.To);
        if (advance == to)
        {
            return Invalid("body", UsageHint);
        }

        TimeSpan before = clock.Ahead;
        DateTimeOffset now;
        if (advance)
        {
            if (!TryParseDuration(request!.Advance!, out TimeSpan by))
            {
                return Invalid("advance", $"'{request.Advance}' is not an ISO 8601 duration (PT15M, PT8H, P1DT2H).");
            }

            if (by < TimeSpan.Zero)
            {
                return Invalid("advance", $"'{request.Advance}' is negative: the clock only moves forward.");
            }

            if (by > MaxMove)
            {
                return Invalid("advance", $"'{request.Advance}' is more than {MaxMove.TotalDays:0} days.");
            }

            now = clock.Advance(by);
        }
        else
        {
            if (!ClockInstant.TryParse(request!.To!, out DateTimeOffset target))
            {
                return Invalid("to", $"'{request.To}' is not an ISO 8601 instant with an offset (2026-12-02T08:00:00+08:00).");
            }

            if (target - clock.GetUtcNow() > MaxMove)
            {
                return Invalid("to", $"'{request.To}' is more than {MaxMove.TotalDays:0} days ahead.");
            }

            if (!clock.MoveTo(target, out now))
            {
                return Invalid("to", $"'{request.To}' is before the clock's {Format(now, clock)}: the clock only moves forward.");
            }
        }

        Log.Moved(logger, XmlConvert.ToString(clock.Ahead - before), Format(now, clock));
        return TypedResults.Ok(State(clock, clock));
    }

    private static ClockState State(MovedClock? clock, TimeProvider realTime)
    {
        DateTimeOffset utc = (clock ?? realTime).GetUtcNow();
        return new ClockState(
            Moved: clock is not null,
            Now: clock is null ? utc : utc.ToOffset(clock.StartAt.Offset),
            Utc: utc,
            StartAt: clock?.StartAt,
            Ahead: XmlConvert.ToString(clock?.Ahead ?? TimeSpan.Zero));
    }

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        try
        {
            duration = XmlConvert.ToTimeSpan(text.Trim());
            return true;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            duration = default;
            return false;
        }
    }

    private static string Format(DateTimeOffset instant, MovedClock clock) =>
        instant.ToOffset(clock.StartAt.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The clock was not moved");

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Clock moved forward by {By}: now {Now}")]
        public static partial void Moved(ILogger logger, string by, string now);
    }
}
