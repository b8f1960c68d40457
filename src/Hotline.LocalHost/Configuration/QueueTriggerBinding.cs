namespace Hotline.LocalHost.Configuration;

/// <summary>A queueTrigger with its queue name resolved (%Setting%) and normalized to lower case like the host.</summary>
internal sealed record QueueTriggerBinding(string Name, string QueueName, string? Connection) : TriggerBinding(Name)
{
    public override string Type => "queueTrigger";

    /// <summary>Where the host moves messages that failed maxDequeueCount times.</summary>
    public string PoisonQueueName => QueueName + "-poison";
}
