using System.Text.RegularExpressions;
using Hotline.Infra.Tests.Support;
using Hotline.Testing;

namespace Hotline.Infra.Tests;

/// <summary>azure.yaml points azd at infra/ and at the project the function app runs, under the name the site is tagged with.</summary>
[Collection(SharedInfrastructure.Name)]
public sealed partial class AzdProjectTests(CompiledInfrastructure infra)
{
    private static readonly string AzureYaml = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "azure.yaml"));

    [Fact]
    public void Infrastructure_is_the_bicep_module_main_in_infra()
    {
        var section = InfraSection().Match(AzureYaml);
        Assert.True(section.Success, AzureYaml);
        Assert.Matches(@"provider: bicep\b", section.Value);
        Assert.Matches(@"path: infra\b", section.Value);
        Assert.Matches(@"module: main\b", section.Value);
    }

    [Fact]
    public void The_one_service_is_the_app_project_deployed_to_the_site_tagged_with_its_name()
    {
        var service = Assert.Single(Service().Matches(AzureYaml));
        Assert.Equal("dotnet", service.Groups["language"].Value);
        Assert.Equal("function", service.Groups["host"].Value);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, service.Groups["project"].Value, "Hotline.csproj")), service.Groups["project"].Value);
        Assert.Equal(service.Groups["name"].Value, infra.One("Microsoft.Web/sites").Property("tags.azd-service-name"));
        Assert.Equal(infra.One("Microsoft.Web/sites").Name, (string?)infra.Outputs[$"SERVICE_{service.Groups["name"].Value.ToUpperInvariant()}_NAME"]);
    }

    [GeneratedRegex(@"^infra:\n(  .*\n)+", RegexOptions.Multiline)]
    private static partial Regex InfraSection();

    [GeneratedRegex(@"^  (?<name>[a-z]+):\n    project: (?<project>\S+)\n    language: (?<language>\S+)\n    host: (?<host>\S+)", RegexOptions.Multiline)]
    private static partial Regex Service();
}
