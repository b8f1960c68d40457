namespace Hotline.Open311;

/// <summary>An answer already written out in its format: the status, the media type and the UTF-8 bytes.</summary>
public sealed class Open311Response(int statusCode, Open311Format format, byte[] body) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;

        // The media types the standard names, each with its charset (UTF-8 is required everywhere).
        response.ContentType = format == Open311Format.Json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
