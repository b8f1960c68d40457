using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hotline.Tests.Infrastructure;

/// <summary>
/// Every log entry of one test's app, formatted as the console would show it. A test checks what was (or was
/// never) logged through <see cref="Lines"/>; <see cref="HotlineApp"/> fails the test on a warning it did not expect.
/// </summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IEnumerable<LogEntry> Entries => _entries;

    public IReadOnlyCollection<string> Lines => [.. _entries.Select(e => e.ToString())];

    public IEnumerable<LogEntry> Warnings => _entries.Where(e => e.Level >= LogLevel.Warning);

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collector(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
