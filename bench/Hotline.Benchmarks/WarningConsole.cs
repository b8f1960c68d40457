using Microsoft.Extensions.Logging;

namespace Hotline.Benchmarks;

/// <summary>The local host's and the worker's warnings and errors on stderr, so a failed start says why; nothing below.</summary>
internal sealed class WarningConsole : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
        }
    }

    public void Dispose()
    {
    }
}
