using Hotline.Open311;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotline.Tests.Open311;

public sealed class Open311OptionsTests
{
    [Theory]
    [InlineData("short")]
    [InlineData("a-long-enough-key-1, short")]
    [InlineData("a key with spaces inside it")]
    public void A_weak_or_malformed_api_key_stops_the_app_at_start_without_being_quoted(string keys)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(keys));

        Assert.Contains("Hotline:Open311:ApiKeys", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_are_a_comma_list_and_an_unresolved_Key_Vault_reference_is_no_key()
    {
        Assert.Equal(["first-partner-key-01", "second-partner-key-2"], Options(" first-partner-key-01 , second-partner-key-2 ,").Keys());
        Assert.Empty(Options("").Keys());
        Assert.Empty(Options("@Microsoft.KeyVault(VaultName=kv-x;SecretName=open311-api-keys)").Keys());
    }

    [Fact]
    public void Only_a_configured_key_is_valid_and_with_none_no_key_is()
    {
        var keys = new Open311ApiKeys(Microsoft.Extensions.Options.Options.Create(Options("first-partner-key-01,second-partner-key-2")));
        var none = new Open311ApiKeys(Microsoft.Extensions.Options.Options.Create(Options("")));

        Assert.True(keys.IsValid("second-partner-key-2"));
        Assert.True(keys.IsValid("first-partner-key-01"));
        Assert.False(keys.IsValid("first-partner-key-0"));
        Assert.False(keys.IsValid("FIRST-PARTNER-KEY-01"));
        Assert.False(keys.IsValid(""));
        Assert.False(keys.IsValid(null));
        Assert.False(none.Any);
        Assert.False(none.IsValid("first-partner-key-01"));
    }

    private static Open311Options Options(string keys)
    {
        var builder = HotlineWorker.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hotline:Open311:ApiKeys"] = keys });
        using var worker = builder.Build();
        return worker.Services.GetRequiredService<IOptions<Open311Options>>().Value;
    }
}
