using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline.Routing.Directory;

/// <summary>
/// Reads the directory document. Unknown members are refused: a misspelt "onDuty" or "regions" would
/// otherwise be dropped silently and change who gets cases.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true)]
[JsonSerializable(typeof(DirectoryDocument))]
public sealed partial class DirectoryJsonContext : JsonSerializerContext;
