namespace Hotline.Benchmarks;

/// <summary>One round trip an invocation made: what it was (service, verb, table or queue, shape) and when, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
internal sealed record StorageCall(string What, long Start, long End, int Status);
