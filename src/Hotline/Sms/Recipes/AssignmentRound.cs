using System.Globalization;

namespace Hotline.Sms.Recipes;

/// <summary>
/// Which assignment of a case a task text is about, so each is news once: the routing (run again on a retry, the same
/// round), a transfer (by the revision it made: a case transferred back to an officer who had it is news again) or a
/// reopen (by the reopen count).
/// </summary>
public sealed record AssignmentRound(string Name)
{
    public static AssignmentRound Routed { get; } = new("routed");

    public static AssignmentRound Transfer(int revision) => new(string.Create(CultureInfo.InvariantCulture, $"transfer{revision}"));

    public static AssignmentRound Reopen(int reopenCount) => new(string.Create(CultureInfo.InvariantCulture, $"reopen{reopenCount}"));
}
