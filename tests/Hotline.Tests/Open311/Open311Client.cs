using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Hotline.Tests.Open311;

/// <summary>Reads the answers as an Open311 client does: the body as UTF-8 JSON, or as an XML document with its declaration.</summary>
internal static class Open311Client
{
    public const string Base = "/api/open311/v2/";

    /// <summary>Every body read through here, so a test can look for personal data in all of them at once.</summary>
    public sealed class Transcript
    {
        public List<string> Bodies { get; } = [];
    }

    public static async Task<(HttpStatusCode Status, JsonElement Json)> GetJsonAsync(this HttpClient client, string path, Transcript? transcript = null)
    {
        using var response = await client.GetAsync(Base + path);
        return (response.StatusCode, await JsonAsync(response, transcript));
    }

    public static async Task<(HttpStatusCode Status, XDocument Xml)> GetXmlAsync(this HttpClient client, string path, Transcript? transcript = null)
    {
        using var response = await client.GetAsync(Base + path);
        return (response.StatusCode, await XmlAsync(response, transcript));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Json)> PostJsonAsync(this HttpClient client, IEnumerable<KeyValuePair<string, string>> form, Transcript? transcript = null, string? idempotencyKey = null)
    {
        using var response = await PostAsync(client, "requests.json", form, idempotencyKey);
        return (response.StatusCode, await JsonAsync(response, transcript));
    }

    public static async Task<(HttpStatusCode Status, XDocument Xml)> PostXmlAsync(this HttpClient client, IEnumerable<KeyValuePair<string, string>> form, Transcript? transcript = null)
    {
        using var response = await PostAsync(client, "requests.xml", form, null);
        return (response.StatusCode, await XmlAsync(response, transcript));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, Transcript? transcript = null)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(System.Text.Unicode.Utf8.IsValid(bytes));
        transcript?.Bodies.Add(System.Text.Encoding.UTF8.GetString(bytes));
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    public static async Task<XDocument> XmlAsync(HttpResponseMessage response, Transcript? transcript = null)
    {
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        transcript?.Bodies.Add(System.Text.Encoding.UTF8.GetString(bytes));
        using var stream = new MemoryStream(bytes);
        var document = XDocument.Load(stream);
        Assert.Equal("utf-8", document.Declaration?.Encoding, ignoreCase: true);
        Assert.Equal(XNamespace.None, document.Root!.Name.Namespace);
        return document;
    }

    /// <summary>The standard's error document in JSON: an array of {code (number), description (string)}.</summary>
    public static void AssertErrors(JsonElement json, int code)
    {
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.NotEqual(0, json.GetArrayLength());
        foreach (var error in json.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Number, error.GetProperty("code").ValueKind);
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
        }

        Assert.Contains(json.EnumerateArray(), e => e.GetProperty("code").GetInt32() == code);
    }

    /// <summary>The standard's error document in XML: &lt;errors&gt;&lt;error&gt;&lt;code/&gt;&lt;description/&gt;.</summary>
    public static void AssertErrors(XDocument xml, int code)
    {
        Assert.Equal("errors", xml.Root!.Name.LocalName);
        var errors = xml.Root.Elements().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.Equal("error", e.Name.LocalName);
            Assert.True(int.TryParse(e.Element("code")?.Value, out _));
            Assert.False(string.IsNullOrWhiteSpace(e.Element("description")?.Value));
        });
        Assert.Contains(errors, e => e.Element("code")!.Value == code.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> form, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Base + path) { Content = new FormUrlEncodedContent(form) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }
}
