namespace Hotline.Hosting;

/// <summary>
/// Who is calling, for rate limits. Behind the Functions host every request comes from loopback, so the client is
/// the first address the front end put in X-Forwarded-For.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var first = forwarded.Split(',')[0].Trim();

            // App Service writes "ip:port"; the port changes per connection and must not split the partition.
            if (System.Net.IPEndPoint.TryParse(first, out var endpoint))
            {
                return endpoint.Address.ToString();
            }

            return first.Length <= 64 ? first : first[..64];
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
