using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Tests.Support;

/// <summary>Keeps every log line written through it, for assertions on what is (and is never) logged.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Every message and every structured value, as text.</summary>
    public string AllText() => string.Join('\n', entries.Select(e => e.Message + " " + string.Join(' ', e.State.Select(s => $"{s.Key}={s.Value}"))));

    private sealed class CollectingLogger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            owner.entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), values));
        }
    }
}
