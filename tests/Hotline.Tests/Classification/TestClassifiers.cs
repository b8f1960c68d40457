using Hotline.Classification;

namespace Hotline.Tests.Classification;

/// <summary>The keyword table the tests classify with, and classifiers built on it.</summary>
internal static class TestClassifiers
{
    private static readonly Lazy<KeywordTable> LazyTable = new(LoadTable);

    public static KeywordTable Table => LazyTable.Value;

    public static CaseClassifier Default { get; } = Create(new ClassificationOptions());

    public static CaseClassifier Create(ClassificationOptions options) => new(options, Table);

    /// <summary>src/Hotline/Classification/keywords.json, found from the test's output folder.</summary>
    public static string SourcePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "Hotline", "Classification", "keywords.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("src/Hotline/Classification/keywords.json not found above " + AppContext.BaseDirectory);
        }
    }

    // Production reads the embedded copy; the source file is the fallback for a build that does not embed it yet
    // (Keyword_table_is_embedded_in_the_assembly says so on its own).
    private static KeywordTable LoadTable()
    {
        using var stream = typeof(CaseClassifier).Assembly.GetManifestResourceStream(KeywordTable.ResourceName)
            ?? File.OpenRead(SourcePath);
        return KeywordTable.Load(stream);
    }
}
