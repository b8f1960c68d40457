using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace Hotline.Tests.Faults;

/// <summary>The test's output, passed on and kept, so a test can check what it printed as well as what the app logged.</summary>
public sealed class RecordingOutput(ITestOutputHelper inner) : ITestOutputHelper
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IEnumerable<string> Lines => _lines;

    public void WriteLine(string message)
    {
        _lines.Enqueue(message);
        inner.WriteLine(message);
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
