namespace Hotline.LocalHost.Configuration;

/// <summary>The one trigger binding of a function (the <c>*Trigger</c> binding with direction <c>in</c>).</summary>
internal abstract record TriggerBinding(string Name)
{
    /// <summary>The binding type as written in function.json, e.g. <c>queueTrigger</c>.</summary>
    public abstract string Type { get; }
}
