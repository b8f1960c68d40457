using System.Text.Json;

namespace Hotline.LocalHost.Http;

/// <summary>
/// Keeps the local keys in a JSON file (<c>.local/keys.json</c>, gitignored) so they stay the same across runs.
/// </summary>
internal static class FunctionKeyStore
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static FunctionKeys LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            try
            {
                if (JsonSerializer.Deserialize<FunctionKeys>(File.ReadAllText(path), Options) is { MasterKey.Length: > 0, FunctionKey.Length: > 0 } stored)
                {
                    return stored;
                }
            }
            catch (JsonException)
            {
                // Unreadable: replaced below.
            }
        }

        FunctionKeys keys = FunctionKeys.Generate();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(keys, Options));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return keys;
    }
}
