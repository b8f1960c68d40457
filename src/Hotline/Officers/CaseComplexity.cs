namespace Hotline.Officers;

/// <summary>
/// How hard a case is, as its officer marks it (SPEC "Follow-up": general / difficult / very complex). A case
/// nobody marked is general; the mark moves the resolution due time, which the follow-up timers work out.
/// </summary>
public static class CaseComplexity
{
    public const string Difficult = "difficult";
    public const string VeryComplex = "very_complex";

    public static IReadOnlyList<string> Markable { get; } = [Difficult, VeryComplex];

    public static bool IsMarkable(string? level) => level is Difficult or VeryComplex;
}
