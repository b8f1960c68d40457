namespace Hotline.Classification;

/// <summary>Where a term was found in one view of a <see cref="NormalizedText"/>, and the text it matched.</summary>
internal readonly record struct TermMatch(int Start, int Length, string Value)
{
    public int End => Start + Length;
}
