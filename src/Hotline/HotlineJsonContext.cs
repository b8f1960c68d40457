using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Intake;
using Hotline.Routing;
using Hotline.Sms;

namespace Hotline;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RouteCaseMessage))]
[JsonSerializable(typeof(SmsRequest))]
[JsonSerializable(typeof(SubmissionReceipt))]
[JsonSerializable(typeof(CaseStatusView))]
[JsonSerializable(typeof(Hosting.InvocationResult))]
internal sealed partial class HotlineJsonContext : JsonSerializerContext;
