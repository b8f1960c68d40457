namespace Hotline.Routing.Directory;

/// <summary>
/// Administrative division codes in the GB/T 2260 style extended by the statistical codes
/// (统计用区划代码): 2 digits province, 2 city, 2 county, 3 township, 3 village, so a code has
/// 6, 9 or 12 digits. Zero segments at the end only pad a higher level ("621100" is 定西市, the same
/// place as "6211"), so codes are compared in their significant form with those segments removed;
/// a unit or rule then covers a code when its significant form is a prefix of the code's.
/// </summary>
internal static class RegionCode
{
    // Segment ends: province, city, county, township, village.
    private static readonly int[] SegmentEnds = [2, 4, 6, 9, 12];

    /// <summary>Normalises a full code (6, 9 or 12 digits) to its significant form.</summary>
    public static bool TryNormalize(string? code, out string significant)
    {
        significant = "";
        var trimmed = code?.Trim();
        if (trimmed is not { Length: 6 or 9 or 12 } || !IsValidDigits(trimmed))
        {
            return false;
        }

        significant = StripZeroSegments(trimmed);
        return true;
    }

    /// <summary>
    /// Normalises a rule's region prefix: a whole number of segments (2, 4, 6, 9 or 12 digits), so
    /// "6211" or "621100" both mean 定西市 while "62112" (no such level) is refused.
    /// </summary>
    public static bool TryNormalizePrefix(string? prefix, out string significant)
    {
        significant = "";
        var trimmed = prefix?.Trim();
        if (trimmed is null || Array.IndexOf(SegmentEnds, trimmed.Length) < 0 || !IsValidDigits(trimmed))
        {
            return false;
        }

        significant = StripZeroSegments(trimmed);
        return true;
    }

    /// <summary>The significant prefixes of a significant code, longest first ("621124100", "621124", "6211", "62").</summary>
    public static IEnumerable<string> PrefixesLongestFirst(string significant)
    {
        for (var i = SegmentEnds.Length - 1; i >= 0; i--)
        {
            if (SegmentEnds[i] <= significant.Length)
            {
                yield return significant[..SegmentEnds[i]];
            }
        }
    }

    private static bool IsValidDigits(string code)
    {
        foreach (var c in code)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return IsProvince(code.AsSpan(0, 2));
    }

    // The province codes of GB/T 2260: 11–15 north, 21–23 north-east, 31–37 east, 41–46 central and
    // south, 50–54 south-west, 61–65 north-west, 71 Taiwan, 81–82 Hong Kong and Macao.
    private static bool IsProvince(ReadOnlySpan<char> province)
    {
        var value = ((province[0] - '0') * 10) + (province[1] - '0');
        return value is (>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37) or (>= 41 and <= 46)
            or (>= 50 and <= 54) or (>= 61 and <= 65) or 71 or 81 or 82;
    }

    private static string StripZeroSegments(string code)
    {
        var end = code.Length;
        for (var i = SegmentEnds.Length - 1; i >= 1; i--)
        {
            var segmentEnd = SegmentEnds[i];
            if (segmentEnd > end)
            {
                continue;
            }

            var segmentStart = SegmentEnds[i - 1];
            if (segmentEnd == end && code.AsSpan(segmentStart, segmentEnd - segmentStart).IndexOfAnyExcept('0') < 0)
            {
                end = segmentStart;
            }
            else
            {
                break;
            }
        }

        return code[..end];
    }
}
