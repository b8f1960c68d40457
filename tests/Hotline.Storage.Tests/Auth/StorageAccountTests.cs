using Azure.Identity;

namespace Hotline.Storage.Tests.Auth;

public sealed class StorageAccountTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Development_storage_means_azurite_on_the_default_ports()
    {
        StorageAccount account = StorageAccount.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.QueueEndpoint);
    }

    [Fact]
    public void Account_name_and_key_give_the_public_endpoints_over_https()
    {
        StorageAccount account = StorageAccount.Parse($"AccountName=hotline;AccountKey={Key}");

        Assert.Equal("hotline", account.AccountName);
        Assert.Equal(new Uri("https://hotline.table.core.windows.net"), account.TableEndpoint);
        Assert.Equal(new Uri("https://hotline.queue.core.windows.net"), account.QueueEndpoint);
    }

    [Fact]
    public void Protocol_and_endpoint_suffix_are_honoured_in_any_case_and_order()
    {
        StorageAccount account = StorageAccount.Parse($" endpointsuffix = core.chinacloudapi.cn ; ACCOUNTKEY={Key}; DefaultEndpointsProtocol=http;AccountName=hotline;");

        Assert.Equal(new Uri("http://hotline.table.core.chinacloudapi.cn"), account.TableEndpoint);
        Assert.Equal(new Uri("http://hotline.queue.core.chinacloudapi.cn"), account.QueueEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_win_over_derived_ones()
    {
        StorageAccount account = StorageAccount.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            "BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:20001/devstoreaccount1;TableEndpoint=http://127.0.0.1:20002/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:20002/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:20001/devstoreaccount1"), account.QueueEndpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AccountName=hotline")]
    [InlineData("AccountKey=abc=")]
    [InlineData("AccountName=hotline;AccountKey=not base64!")]
    [InlineData("AccountName=hotline;SharedAccessSignature=sv=2020&sig=x")]
    [InlineData("UseDevelopmentStorage=false")]
    [InlineData("UseDevelopmentStorage=true;AccountName=x")]
    [InlineData("AccountName=hotline;AccountName=other;AccountKey=abc=")]
    [InlineData("just some text")]
    [InlineData("AccountName=hotline;AccountKey=abc=;DefaultEndpointsProtocol=ftp")]
    [InlineData("AccountName=hotline;AccountKey=abc=;TableEndpoint=not-a-uri")]
    public void Invalid_connection_strings_fail_with_a_format_error(string connectionString)
    {
        Assert.Throws<FormatException>(() => StorageAccount.Parse(connectionString));
    }

    [Fact]
    public void A_parse_error_does_not_echo_the_key()
    {
        var error = Assert.Throws<FormatException>(() => StorageAccount.Parse($"AccountName=hotline;AccountKey={Key};DefaultEndpointsProtocol=ftp;{Key}"));

        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_prefers_the_connection_string()
    {
        StorageAccount account = StorageAccount.FromConfiguration(Settings(
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("AzureWebJobsStorage__accountName", "ignored")));

        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Null(account.Credential);
    }

    [Fact]
    public void Configuration_with_an_account_name_uses_managed_identity_when_asked()
    {
        StorageAccount account = StorageAccount.FromConfiguration(Settings(
            ("AzureWebJobsStorage__accountName", "hotline"),
            ("AzureWebJobsStorage__credential", "managedidentity"),
            ("AzureWebJobsStorage__clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal("hotline", account.AccountName);
        Assert.Equal(new Uri("https://hotline.table.core.windows.net"), account.TableEndpoint);
        Assert.Equal(new Uri("https://hotline.queue.core.windows.net"), account.QueueEndpoint);
        Assert.IsType<ManagedIdentityCredential>(account.Credential);
    }

    [Fact]
    public void Configuration_without_a_credential_setting_falls_back_to_the_default_credential()
    {
        StorageAccount account = StorageAccount.FromConfiguration(Settings(("Storage__accountName", "hotline")), "Storage");

        Assert.IsType<DefaultAzureCredential>(account.Credential);
    }

    [Fact]
    public void Configuration_service_uris_win_over_the_account_name()
    {
        StorageAccount account = StorageAccount.FromConfiguration(Settings(
            ("AzureWebJobsStorage__accountName", "hotline"),
            ("AzureWebJobsStorage__tableServiceUri", "https://other.table.core.windows.net/"),
            ("AzureWebJobsStorage__credential", "ManagedIdentity")));

        Assert.Equal("other", account.AccountName);
        Assert.Equal(new Uri("https://other.table.core.windows.net/"), account.TableEndpoint);
        Assert.Equal(new Uri("https://hotline.queue.core.windows.net"), account.QueueEndpoint);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage", "AzureWebJobsStorage=garbage")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri=https://a.table.core.windows.net")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", "AzureWebJobsStorage__tableServiceUri=not a uri|AzureWebJobsStorage__queueServiceUri=https://a.queue.core.windows.net")]
    [InlineData("AzureWebJobsStorage__credential", "AzureWebJobsStorage__accountName=a|AzureWebJobsStorage__credential=clientsecret")]
    [InlineData("AzureWebJobsStorage__accountName", "Unrelated=1")]
    public void Invalid_or_missing_configuration_names_the_setting(string setting, string settings)
    {
        var values = settings.Split('|').Select(s => s.Split('=', 2)).Select(p => (p[0], p[1])).ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Settings(values)));

        Assert.Contains($"'{setting}'", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Settings(params (string Name, string Value)[] settings) =>
        name => settings.Where(s => s.Name == name).Select(s => s.Value).FirstOrDefault();
}
