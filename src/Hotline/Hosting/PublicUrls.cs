using Microsoft.Extensions.Options;

namespace Hotline.Hosting;

/// <summary>Builds the public links the app hands out.</summary>
public sealed class PublicUrls(IOptions<PublicOptions> options)
{
    private string Base => options.Value.BaseUrl.TrimEnd('/');

    public string CaseStatus(string ticketId, string trackingCode) =>
        $"{Base}/api/submissions/{Uri.EscapeDataString(ticketId)}?code={Uri.EscapeDataString(trackingCode)}";
}
