using Hotline.LocalHost.Functions;

namespace Hotline.LocalHost.Worker;

/// <summary>
/// A worker that completed the handshake: its stream, its own HTTP listener (<c>HttpUri</c>, null when the app has
/// no HTTP functions), its functions, and the load errors of functions it could not load (invoking them fails with it).
/// </summary>
internal sealed record ReadyWorker(WorkerConnection Connection, Uri? HttpUri, FunctionCatalog Catalog, IReadOnlyDictionary<string, string> LoadErrors);
