namespace Hotline.LocalHost;

/// <summary>The trigger of a function, as far as the local host acts on it.</summary>
public enum FunctionTriggerKind
{
    Http,
    Queue,
    Timer,

    /// <summary>A trigger the local host does not run (it is listed, not invoked).</summary>
    Other,
}
