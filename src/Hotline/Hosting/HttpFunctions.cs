using Microsoft.Azure.Functions.Worker;

namespace Hotline.Hosting;

/// <summary>What middleware needs to know about the function it wraps.</summary>
public static class HttpFunctions
{
    public static bool IsHttp(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The request of an HTTP function; middleware that applies only to HTTP functions may rely on it.</summary>
    public static HttpContext Http(FunctionContext context) =>
        context.GetHttpContext() ?? throw new InvalidOperationException($"{context.FunctionDefinition.Name} is not an HTTP function.");
}
