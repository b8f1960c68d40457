namespace Hotline.LocalHost.Http;

/// <summary>The body of <c>POST /admin/clock</c>: exactly one of an ISO 8601 duration (<c>PT8H</c>, <c>P1DT2H</c>)
/// or an instant with its offset (<c>2026-12-02T08:00:00+08:00</c>); strings, so a bad value gets its own message.</summary>
internal sealed record ClockMoveRequest(string? Advance, string? To);
