namespace Hotline.LocalHost.Configuration;

/// <summary>Everything read from an app root: host.json, the functions, and the app settings.</summary>
internal sealed record FunctionApp(string AppRoot, HostConfiguration Host, FunctionCatalog Catalog, AppSettings Settings, string? LocalSettingsPath)
{
    /// <summary>Reads the app root, with local.settings.json from the app root or else from <paramref name="repositoryRoot"/>.</summary>
    public static FunctionApp Load(string appRoot, string? repositoryRoot)
    {
        string root = Path.GetFullPath(appRoot);
        if (!Directory.Exists(root))
        {
            throw new FunctionsConfigurationException($"App root '{root}' does not exist (build the handler first: dotnet build src/Hotline).");
        }

        string[] settingsDirectories = repositoryRoot is null ? [root] : [root, repositoryRoot];
        (IReadOnlyList<KeyValuePair<string, string>> values, string? settingsPath) = LocalSettingsFile.Read(settingsDirectories);
        AppSettings settings = AppSettings.FromEnvironment(values);
        HostConfiguration host = HostJsonReader.Read(root, settings);
        FunctionCatalog catalog = FunctionJsonReader.ReadAll(root, settings);
        return new FunctionApp(root, host, catalog, settings, settingsPath);
    }
}
