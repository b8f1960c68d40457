namespace Hotline.LocalHost.Configuration;

/// <summary>The parts of host.json the local host acts on; a null <see cref="FunctionTimeout"/> is unbounded.</summary>
internal sealed record HostConfiguration(string RoutePrefix, QueueTriggerOptions Queues, TimeSpan? FunctionTimeout);
