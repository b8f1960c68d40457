using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost;

/// <summary>The caller's logger provider outlives the host (a test collects from it after the host is gone).</summary>
internal sealed class NonDisposingLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
