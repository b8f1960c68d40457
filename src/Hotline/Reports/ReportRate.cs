namespace Hotline.Reports;

/// <summary>A rate with what it is made of; <see cref="Rate"/> is null when nothing was due (no 0 % for an empty range).</summary>
public sealed record ReportRate(long Numerator, long Denominator)
{
    public double? Rate => Denominator == 0 ? null : Math.Round((double)Numerator / Denominator, 4);
}
