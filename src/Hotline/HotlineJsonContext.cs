using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.FollowUp;
using Hotline.Intake;
using Hotline.Officers;
using Hotline.Routing;
using Hotline.Sms;

namespace Hotline;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RouteCaseMessage))]
[JsonSerializable(typeof(FollowUpMessage))]
[JsonSerializable(typeof(SmsRequest))]
[JsonSerializable(typeof(Submission))]
[JsonSerializable(typeof(SubmissionReceipt))]
[JsonSerializable(typeof(CaseStatusView))]
[JsonSerializable(typeof(DirectoryFunctions.DirectoryReplaced))]
[JsonSerializable(typeof(IReadOnlyList<DirectoryFunctions.RegionNode>))]
[JsonSerializable(typeof(IssuedOfficerToken))]
[JsonSerializable(typeof(OfficerTokenList))]
[JsonSerializable(typeof(OfficerTaskList))]
[JsonSerializable(typeof(OfficerCaseView))]
[JsonSerializable(typeof(CaseHistory))]
[JsonSerializable(typeof(ResolveCaseRequest))]
[JsonSerializable(typeof(MarkComplexityRequest))]
[JsonSerializable(typeof(ReclassifyCaseRequest))]
[JsonSerializable(typeof(TransferCaseRequest))]
internal sealed partial class HotlineJsonContext : JsonSerializerContext;
