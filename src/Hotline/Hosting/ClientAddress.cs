namespace Hotline.Hosting;

/// <summary>
/// Who is calling, for rate limits. Behind the Functions host every request comes from loopback, so the client is
/// the address the front end put in X-Forwarded-For. The front end appends what it saw to whatever the client sent,
/// so only the last entry can be trusted: the earlier ones are the caller's own words.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var added = forwarded.Split(',')[^1].Trim();

            // App Service writes "ip:port"; the port changes per connection and must not split the partition.
            if (System.Net.IPEndPoint.TryParse(added, out var endpoint))
            {
                return endpoint.Address.ToString();
            }

            return added.Length <= 64 ? added : added[..64];
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
