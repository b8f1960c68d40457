using System.Diagnostics;
using Xunit.Abstractions;

namespace Hotline.Tests.Classification;

public sealed class ZzTiming(ITestOutputHelper output)
{
    [Fact]
    public void Time()
    {
        var text = string.Concat(Enumerable.Repeat("我在临洮县一个工地干了八个月，包工头一直拖着工资不给. My boss hasn't paid my wages, no one was injured. ", 60))[..4000];
        TestClassifiers.Default.Classify(text, null, null);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++) TestClassifiers.Default.Classify(text, null, null);
        output.WriteLine($"4000 chars: {sw.Elapsed.TotalMilliseconds / 100:F2} ms per call");
        sw.Restart();
        for (var i = 0; i < 1000; i++) TestClassifiers.Default.Classify("老板拖欠我们三个月工资了，每次去问都说下个月发。", null, null);
        output.WriteLine($"short: {sw.Elapsed.TotalMilliseconds / 1000:F3} ms per call");
    }
}
