namespace Hotline.LocalHost.Configuration;

/// <summary>The parts of host.json the local host acts on.</summary>
internal sealed record HostConfiguration(
    CustomHandlerDescription CustomHandler,
    bool EnableForwardingHttpRequest,
    string RoutePrefix,
    QueueTriggerOptions Queues,
    TimeSpan? FunctionTimeout);
