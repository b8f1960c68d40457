using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline.LocalHost.Http;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AdminInvocationRequest))]
[JsonSerializable(typeof(ClockMoveRequest))]
[JsonSerializable(typeof(ClockState))]
internal sealed partial class LocalHostJsonContext : JsonSerializerContext;
