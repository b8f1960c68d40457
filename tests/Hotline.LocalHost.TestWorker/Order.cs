namespace Hotline.LocalHost.TestWorker;

/// <summary>A typed queue message.</summary>
public sealed record Order(string OrderId, int Quantity, string Phone);
