using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline.Classification;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KeywordTableDocument))]
internal sealed partial class KeywordTableJsonContext : JsonSerializerContext;
