namespace Hotline.LocalHost.Functions;

/// <summary>A non-HTTP output binding the host writes after a successful invocation (<c>$return</c> is the return value).</summary>
internal sealed record OutputBinding(string Name, string Type, string? QueueName, string? Connection)
{
    public const string ReturnName = "$return";

    public bool IsQueue => string.Equals(Type, "queue", StringComparison.OrdinalIgnoreCase);
}
