using Microsoft.Extensions.Logging;

namespace Hotline.Tests.Infrastructure;

public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " " + Exception)}";
}
