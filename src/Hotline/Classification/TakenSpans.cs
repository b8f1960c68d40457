namespace Hotline.Classification;

/// <summary>
/// Spans already claimed by a longer term, per view, so that a term inside a longer matched one
/// (工资 inside 拖欠工资) is not counted a second time.
/// </summary>
internal sealed class TakenSpans
{
    private readonly List<(bool Chinese, int Start, int End)> taken = [];

    public bool TryTake(bool chinese, TermMatch match)
    {
        foreach (var (view, start, end) in taken)
        {
            if (view == chinese && match.Start < end && start < match.End)
            {
                return false;
            }
        }

        taken.Add((chinese, match.Start, match.End));
        return true;
    }
}
