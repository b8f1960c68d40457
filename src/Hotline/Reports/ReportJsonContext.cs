using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline.Reports;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CaseReport))]
[JsonSerializable(typeof(ReportRebuilt))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
