namespace Hotline.LocalHost.Configuration;

/// <summary>
/// A binding with direction <c>out</c>. <see cref="QueueName"/> is set for <c>queue</c> bindings only; the local host
/// writes those from the handler's <c>Outputs</c>.
/// </summary>
internal sealed record OutputBinding(string Type, string Name, string? QueueName, string? Connection)
{
    public bool IsHttp => string.Equals(Type, "http", StringComparison.OrdinalIgnoreCase);

    public bool IsQueue => string.Equals(Type, "queue", StringComparison.OrdinalIgnoreCase);
}
