using Microsoft.AspNetCore.Http;

namespace Hotline.LocalHost.Http;

/// <summary>The local host's own answers: problem details with a body, never an empty error.</summary>
internal static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.Clear();
        return TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
    }
}
