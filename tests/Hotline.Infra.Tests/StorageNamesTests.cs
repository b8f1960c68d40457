using System.Text.Json.Nodes;
using Hotline.Infra.Tests.Support;
using Hotline.Testing;

namespace Hotline.Infra.Tests;

/// <summary>
/// infra/app-storage.json is the one list of tables and queues: the template creates exactly those (loadJsonContent),
/// and they are exactly the ones the app's storage uses.
/// </summary>
[Collection(SharedInfrastructure.Name)]
public sealed class StorageNamesTests(CompiledInfrastructure infra)
{
    private static readonly JsonNode List = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "app-storage.json")))!;

    private static SortedSet<string> Listed(string kind) => new(List[kind]!.AsArray().Select(n => (string)n!), StringComparer.Ordinal);

    [Fact]
    public void The_list_names_exactly_the_tables_the_app_uses()
    {
        Assert.Equal(TheApp.StorageNames().Tables, Listed("tables"));
    }

    [Fact]
    public void The_list_names_exactly_the_queues_the_app_uses()
    {
        Assert.Equal(TheApp.StorageNames().Queues, Listed("queues"));
    }

    [Fact]
    public void Every_queue_a_function_reads_or_writes_is_listed()
    {
        var functions = TheApp.QueuesOfFunctions();
        Assert.NotEmpty(functions);
        Assert.Subset(Listed("queues"), functions);
    }

    [Fact]
    public void The_template_creates_exactly_the_listed_tables()
    {
        var created = new SortedSet<string>(infra.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.ShortName), StringComparer.Ordinal);
        Assert.Equal(Listed("tables"), created);
    }

    [Fact]
    public void The_template_creates_the_listed_queues_each_with_the_poison_queue_the_host_moves_failures_to()
    {
        var created = new SortedSet<string>(infra.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.ShortName), StringComparer.Ordinal);
        Assert.Equal(new SortedSet<string>(Listed("queues").SelectMany(q => new[] { q, $"{q}-poison" }), StringComparer.Ordinal), created);
    }
}
