using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Tests.Support;

public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State);
