using Grpc.Core;
using Hotline.LocalHost.Rpc;

namespace Hotline.LocalHost.Worker;

/// <summary>The host side of the worker protocol: the worker dials in and keeps one EventStream open for its life.</summary>
internal sealed class FunctionRpcService(WorkerSupervisor supervisor) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return supervisor.AttachAsync(requestStream, responseStream, context.CancellationToken);
    }
}
