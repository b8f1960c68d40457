using Microsoft.Extensions.Options;

namespace Hotline.Hosting;

/// <summary>Builds the public links the app hands out.</summary>
public sealed class PublicUrls(IOptions<PublicOptions> options)
{
    private string Base => options.Value.BaseUrl.TrimEnd('/');

    /// <summary>The status as JSON, for programs (the statusUrl of a 202).</summary>
    public string CaseStatus(string ticketId, string trackingCode) =>
        $"{Base}/api/submissions/{Uri.EscapeDataString(ticketId)}?code={Uri.EscapeDataString(trackingCode)}";

    /// <summary>The status as a page, for people: the link in texts, opened on a phone.</summary>
    public string StatusPage(string ticketId, string trackingCode, string language) =>
        $"{Base}/status?ticketId={Uri.EscapeDataString(ticketId)}&code={Uri.EscapeDataString(trackingCode)}" + (language == "en" ? "&lang=en" : "");
}
