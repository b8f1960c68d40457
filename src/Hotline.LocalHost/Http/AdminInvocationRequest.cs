namespace Hotline.LocalHost.Http;

/// <summary>The body of <c>POST /admin/functions/{name}</c>: the trigger input (a queue message text; ignored by timers).</summary>
internal sealed record AdminInvocationRequest(string? Input);
