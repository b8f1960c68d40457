using System.Net.Sockets;
using System.Text;

namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>
/// Sends bytes no HttpClient would (malformed requests) and reads the answer as text. The sending side stays open:
/// Kestrel takes a half-close as the client going away and answers nothing.
/// </summary>
internal static class RawHttp
{
    public static async Task<string> SendAsync(Uri baseAddress, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(request);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var answer = new MemoryStream();
        byte[] buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
                string text = Encoding.UTF8.GetString(answer.ToArray());
                if (text.Contains("\r\n\r\n", StringComparison.Ordinal) && IsComplete(text))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The server reset the connection after answering.
        }

        return Encoding.UTF8.GetString(answer.ToArray());
    }

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static bool IsComplete(string text)
    {
        int headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string headers = text[..headerEnd];
        string body = text[(headerEnd + 4)..];
        foreach (string line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return Encoding.UTF8.GetByteCount(body) >= int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return body.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }
}
