using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Http;

namespace Hotline.LocalHost.Tests.Http;

public sealed class FunctionKeysTests
{
    private readonly FunctionKeys keys = FunctionKeys.Generate();

    [Fact]
    public void Anonymous_needs_no_key()
    {
        Assert.True(keys.Grants(AuthorizationLevel.Anonymous, null));
    }

    [Fact]
    public void Function_level_takes_the_function_key_or_the_master_key()
    {
        Assert.True(keys.Grants(AuthorizationLevel.Function, keys.FunctionKey));
        Assert.True(keys.Grants(AuthorizationLevel.Function, keys.MasterKey));
        Assert.False(keys.Grants(AuthorizationLevel.Function, null));
        Assert.False(keys.Grants(AuthorizationLevel.Function, keys.FunctionKey + "x"));
    }

    [Fact]
    public void Admin_level_takes_only_the_master_key()
    {
        Assert.True(keys.Grants(AuthorizationLevel.Admin, keys.MasterKey));
        Assert.False(keys.Grants(AuthorizationLevel.Admin, keys.FunctionKey));
    }

    [Fact]
    public void Keys_are_kept_across_runs_and_safe_in_a_query_string()
    {
        string directory = Directory.CreateTempSubdirectory("hotline-keys-").FullName;
        try
        {
            string path = Path.Combine(directory, ".local", "keys.json");
            FunctionKeys first = FunctionKeyStore.LoadOrCreate(path);
            FunctionKeys second = FunctionKeyStore.LoadOrCreate(path);

            Assert.Equal(first, second);
            Assert.NotEqual(first.MasterKey, first.FunctionKey);
            Assert.Equal(first.MasterKey, Uri.EscapeDataString(first.MasterKey));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
