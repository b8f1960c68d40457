using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline.Open311;

/// <summary>
/// The standard's JSON: snake_case names, and null written out (the Spark mapping of an empty XML element), unlike
/// the rest of the API's camelCase.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<Open311Error>))]
[JsonSerializable(typeof(IReadOnlyList<Open311Service>))]
[JsonSerializable(typeof(Open311ServiceDefinition))]
[JsonSerializable(typeof(IReadOnlyList<Open311CreatedRequest>))]
[JsonSerializable(typeof(IReadOnlyList<Open311ServiceRequest>))]
[JsonSerializable(typeof(Open311Discovery))]
internal sealed partial class Open311JsonContext : JsonSerializerContext;
