namespace Hotline.Open311;

/// <summary>The answer to <c>POST requests</c>: our ticket id (realtime, so never a token).</summary>
public sealed record Open311CreatedRequest(string ServiceRequestId, string ServiceNotice);
