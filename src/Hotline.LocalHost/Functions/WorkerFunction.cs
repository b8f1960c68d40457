using Hotline.LocalHost.Rpc;

namespace Hotline.LocalHost.Functions;

/// <summary>A function the worker declared, with what the host needs to trigger it and to write its outputs.</summary>
internal sealed record WorkerFunction(
    FunctionInfo Info,
    string FunctionId,
    RpcFunctionMetadata Metadata,
    string TriggerBindingName,
    string? Connection,
    BindingInfo.Types.DataType DataType,
    bool DeferredBinding,
    bool RunOnStartup,
    bool? UseMonitor,
    bool Disabled,
    IReadOnlyList<OutputBinding> Outputs)
{
    public string Name => Info.Name;

    /// <summary>Queue (or other non-HTTP) outputs the host must write; HTTP results are the worker's own answer.</summary>
    public bool HasHostOutputs => Outputs.Count > 0;
}
