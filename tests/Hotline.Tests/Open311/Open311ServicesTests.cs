using System.Net;
using System.Text.Json;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Open311;

public sealed class Open311ServicesTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private static readonly string[] Categories =
    [
        "wage_arrears", "labor_contract", "social_insurance", "work_injury", "workplace_safety", "hardship_aid",
        "legal_aid", "employment", "union_membership", "counseling", "suggestion", "other",
    ];

    private readonly HotlineApp _app = new(azurite);

    [Fact]
    public async Task Discovery_names_the_v2_endpoint_with_both_formats_in_json_and_xml()
    {
        using var client = _app.CreateClient();

        var (jsonStatus, json) = await client.GetJsonAsync("discovery.json");
        var (xmlStatus, xml) = await client.GetXmlAsync("discovery.xml");

        Assert.Equal(HttpStatusCode.OK, jsonStatus);
        Assert.Equal(HttpStatusCode.OK, xmlStatus);
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("contact").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("key_service").GetString()));
        var endpoint = Assert.Single(json.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith("/api/open311/v2", endpoint.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("production", endpoint.GetProperty("type").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.True(DateTimeOffset.TryParse(json.GetProperty("changeset").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));

        Assert.Equal("discovery", xml.Root!.Name.LocalName);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], xml.Root.Elements().Select(e => e.Name.LocalName));
        var xmlEndpoint = Assert.Single(xml.Root.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal(endpoint.GetProperty("url").GetString(), xmlEndpoint.Element("url")!.Value);
        Assert.Equal(["text/xml", "application/json"], xmlEndpoint.Element("formats")!.Elements("format").Select(f => f.Value));
    }

    [Fact]
    public async Task Services_are_the_case_categories_realtime_without_metadata_named_in_Chinese_or_English()
    {
        using var client = _app.CreateClient();

        var (status, json) = await client.GetJsonAsync("services.json");
        var (_, english) = await client.GetJsonAsync("services.json?lang=en");
        var (xmlStatus, xml) = await client.GetXmlAsync("services.xml");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Categories, json.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()));
        foreach (var service in json.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, service.GetProperty("service_name").ValueKind);
            Assert.Equal(JsonValueKind.False, service.GetProperty("metadata").ValueKind);
            Assert.Equal("realtime", service.GetProperty("type").GetString());
            Assert.Equal(JsonValueKind.String, service.GetProperty("group").ValueKind);
        }

        Assert.Equal("欠薪/劳动报酬", json[0].GetProperty("service_name").GetString());
        Assert.Equal("Unpaid wages / pay", english[0].GetProperty("service_name").GetString());

        Assert.Equal(HttpStatusCode.OK, xmlStatus);
        Assert.Equal("services", xml.Root!.Name.LocalName);
        var services = xml.Root.Elements().ToList();
        Assert.All(services, s => Assert.Equal("service", s.Name.LocalName));
        Assert.Equal(Categories, services.Select(s => s.Element("service_code")!.Value));
        Assert.All(services, s =>
        {
            Assert.Equal("false", s.Element("metadata")!.Value);
            Assert.Equal("realtime", s.Element("type")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(s.Element("service_name")!.Value));
        });
    }

    [Fact]
    public async Task A_service_definition_has_no_attributes_and_an_unknown_code_is_the_standards_404()
    {
        using var client = _app.CreateClient();

        var (status, json) = await client.GetJsonAsync("services/wage_arrears.json");
        var (xmlStatus, xml) = await client.GetXmlAsync("services/wage_arrears.xml");
        var (missingStatus, missing) = await client.GetJsonAsync("services/potholes.json");
        var (missingXmlStatus, missingXml) = await client.GetXmlAsync("services/potholes.xml");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("wage_arrears", json.GetProperty("service_code").GetString());
        Assert.Equal(0, json.GetProperty("attributes").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, xmlStatus);
        Assert.Equal("service_definition", xml.Root!.Name.LocalName);
        Assert.Equal("wage_arrears", xml.Root.Element("service_code")!.Value);
        Assert.Empty(xml.Root.Element("attributes")!.Elements());

        Assert.Equal(HttpStatusCode.NotFound, missingStatus);
        Open311Client.AssertErrors(missing, 404);
        Assert.Equal(HttpStatusCode.NotFound, missingXmlStatus);
        Open311Client.AssertErrors(missingXml, 404);
    }

    [Theory]
    [InlineData("services.csv")]
    [InlineData("discovery.html")]
    [InlineData("services/wage_arrears.yaml")]
    [InlineData("requests.txt")]
    [InlineData("requests/K7M3QX2P.pdf")]
    public async Task An_unknown_format_is_a_404_in_the_standards_xml(string path)
    {
        using var client = _app.CreateClient();

        var (status, xml) = await client.GetXmlAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Open311Client.AssertErrors(xml, 404);
    }

    public void Dispose() => _app.Dispose();
}
