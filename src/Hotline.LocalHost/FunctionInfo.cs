namespace Hotline.LocalHost;

/// <summary>
/// One function as the worker declared it, with binding expressions resolved: HTTP functions have
/// <see cref="Route"/> (the full path template, route prefix included, e.g. <c>/api/items/{id}</c>),
/// <see cref="Methods"/> (empty: all) and <see cref="AuthLevel"/>; queue functions <see cref="QueueName"/>; timers
/// <see cref="Schedule"/>.
/// </summary>
public sealed record FunctionInfo(
    string Name,
    FunctionTriggerKind Trigger,
    string TriggerType,
    string? Route,
    IReadOnlyList<string> Methods,
    AuthLevel AuthLevel,
    string? QueueName,
    string? Schedule);
