using Hotline.Classification;

namespace Hotline.Tests.Classification;

/// <summary>The keyword table the tests classify with (the embedded one production reads), and classifiers built on it.</summary>
internal static class TestClassifiers
{
    public static KeywordTable Table => KeywordTable.Embedded;

    public static CaseClassifier Default { get; } = Create(new ClassificationOptions());

    public static CaseClassifier Create(ClassificationOptions options) => new(options, Table);

    /// <summary>The raw keywords.json as embedded in the assembly.</summary>
    public static Stream OpenEmbeddedJson() =>
        typeof(CaseClassifier).Assembly.GetManifestResourceStream(KeywordTable.ResourceName)
        ?? throw new InvalidOperationException($"{KeywordTable.ResourceName} is not embedded in the Hotline assembly.");
}
