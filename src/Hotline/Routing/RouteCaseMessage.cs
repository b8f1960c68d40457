namespace Hotline.Routing;

/// <summary>The message on the case-routing queue: which case to route.</summary>
public sealed record RouteCaseMessage(string TicketId);
