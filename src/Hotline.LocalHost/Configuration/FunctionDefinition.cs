namespace Hotline.LocalHost.Configuration;

/// <summary>One function: its folder name, its trigger, its other input bindings' names and its output bindings.</summary>
internal sealed record FunctionDefinition(
    string Name,
    TriggerBinding Trigger,
    IReadOnlyList<string> OtherInputNames,
    IReadOnlyList<OutputBinding> Outputs)
{
    /// <summary>
    /// The host forwards the raw HTTP request only for exactly one httpTrigger in and one http out; any other binding
    /// switches the function to the JSON envelope.
    /// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Extensions/FunctionMetadataExtensions.cs (IsHttpInAndOutFunction)
    /// </summary>
    public bool IsHttpInAndOut =>
        Trigger is HttpTriggerBinding && OtherInputNames.Count == 0 && Outputs.Count == 1 && Outputs[0].IsHttp;
}
