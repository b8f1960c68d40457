using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Hotline.Storage;
using Hotline.Testing;
using Microsoft.Extensions.Configuration;

namespace Hotline.Tests.Storage;

/// <summary>The connection spellings the Functions host reads for AzureWebJobsStorage, read the same way by the app.</summary>
public sealed class StorageConnectionTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    private const string Name = "AzureWebJobsStorage";

    [Fact]
    public void The_identity_form_with_service_uris_builds_clients_on_a_managed_identity_with_the_client_id()
    {
        var connection = Read(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://sthotline.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://sthotline.queue.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "11111111-2222-3333-4444-555555555555",
        });

        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        var tables = connection.CreateTableServiceClient(new TableClientOptions());
        var queues = connection.CreateQueueServiceClient(new QueueClientOptions());
        Assert.Equal(new Uri("https://sthotline.table.core.windows.net"), tables.Uri);
        Assert.Equal(new Uri("https://sthotline.queue.core.windows.net"), queues.Uri);
        Assert.Equal("sthotline", tables.AccountName);
        Assert.Equal("sthotline", queues.AccountName);

        // No account key anywhere: the clients can only authorize with the credential's bearer token.
        Assert.False(queues.CanGenerateAccountSasUri);
    }

    [Fact]
    public void The_account_name_derives_both_service_uris_and_the_environment_spelling_is_read()
    {
        // Environment variables spell the nested keys with "__", as the host's settings do; a unique prefix keeps
        // this test's variables away from everything else in the process.
        var prefix = $"HOTLINE_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__accountName", "sthotline");
        Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__credential", "managedidentity");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            var connection = StorageConnection.FromConfiguration(configuration, Name);

            Assert.Equal(new Uri("https://sthotline.table.core.windows.net"), connection.TableServiceUri);
            Assert.Equal(new Uri("https://sthotline.queue.core.windows.net"), connection.QueueServiceUri);
            Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__accountName", null);
            Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__credential", null);
        }
    }

    [Fact]
    public void Without_a_named_credential_the_identity_form_falls_back_to_the_default_chain_as_the_host_does() =>
        Assert.IsType<DefaultAzureCredential>(Read(new() { ["AzureWebJobsStorage:accountName"] = "sthotline" }).Credential);

    [Theory]
    [InlineData("AzureWebJobsStorage:credential", "clientsecret", "AzureWebJobsStorage__credential")]
    [InlineData("AzureWebJobsStorage:tableServiceUri", "not a uri", "AzureWebJobsStorage__tableServiceUri")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", "https://sthotline.queue.core.windows.net", "AzureWebJobsStorage__tableServiceUri")]
    public void A_wrong_or_half_identity_setting_is_refused_naming_the_setting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key != "AzureWebJobsStorage:queueServiceUri")
        {
            settings.TryAdd("AzureWebJobsStorage:accountName", "sthotline");
        }

        var error = Assert.Throws<InvalidOperationException>(() => Read(settings));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_connection_is_refused_naming_both_forms()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read([]));
        Assert.Contains("'AzureWebJobsStorage'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_echoing_it()
    {
        var connection = Read(new() { [Name] = "AccountKey=c2VjcmV0LWtleQ==;no-name-value-pair" });

        var error = Assert.Throws<InvalidOperationException>(() => connection.CreateTableServiceClient(new TableClientOptions()));
        Assert.Contains("'AzureWebJobsStorage'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleQ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_development_storage_means_azurite_on_its_default_ports_with_its_development_key()
    {
        var connection = Read(new() { [Name] = "UseDevelopmentStorage=true" });

        var tables = connection.CreateTableServiceClient(new TableClientOptions());
        var queues = connection.CreateQueueServiceClient(new QueueClientOptions());
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), tables.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), queues.Uri);
        Assert.Equal(AzuriteInstance.AccountName, tables.AccountName);
        Assert.True(queues.CanGenerateAccountSasUri);
        Assert.Null(connection.Credential);
    }

    [Fact]
    public async Task A_connection_string_with_explicit_azurite_endpoints_reaches_azurite_for_tables_and_queues()
    {
        var connection = Read(new() { [Name] = azurite.ConnectionString });
        var table = connection.CreateTableServiceClient(new TableClientOptions()).GetTableClient(UniqueName.Table("conn"));
        var queue = connection.CreateQueueServiceClient(new QueueClientOptions()).GetQueueClient(UniqueName.Queue("conn"));

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Text"] = "工资" });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("hello");

        Assert.Equal("工资", (await azurite.GetTableClient(table.Name).FindAsync("p", "r"))?.GetString("Text"));
        Assert.Equal("hello", (await azurite.GetQueueClient(queue.Name, QueueMessageEncoding.None).PeekMessageAsync()).Value.MessageText);
    }

    private static StorageConnection Read(Dictionary<string, string?> settings) =>
        StorageConnection.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Name);
}
