namespace Hotline.Officers;

/// <summary>The case a case function's route names, its ticket id checked and normalised once by <see cref="CaseTicketMiddleware"/>.</summary>
public sealed record CaseTicket(string TicketId)
{
    public static string From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<CaseTicket>()?.TicketId
            ?? throw new InvalidOperationException("Case functions run behind CaseTicketMiddleware.");
    }
}
