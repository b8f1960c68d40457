using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>Keeps every log line so tests can assert what the host reported.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. entries];

    public bool Contains(string text) => entries.Any(e => e.Message.Contains(text, StringComparison.Ordinal));

    /// <summary>The first line holding <paramref name="text"/>, once one arrives.</summary>
    public async Task<string> LineAsync(string text, TimeSpan? timeout = null) =>
        (await Eventually.UntilAsync<string?>(
            () => entries.Select(e => e.Message).FirstOrDefault(m => m.Contains(text, StringComparison.Ordinal)), m => m is not null, $"a log line with '{text}'", timeout))!;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
