namespace Hotline.Hosting;

/// <summary>Reads a request body up to a limit, counting what actually arrives (Content-Length may be absent or wrong).</summary>
public static class BoundedBody
{
    /// <summary>The whole body, or null when it is longer than <paramref name="maxBytes"/> (the caller answers 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
