namespace Hotline.LocalHost.TestWorker;

/// <summary>What the Echo function saw of its request.</summary>
public sealed record EchoAnswer(
    string Function, string Id, string? RouteId, string Method, string Path, string Query, string? RemoteIp, string Scheme, string Host, string Body);
