namespace Hotline.Reports;

/// <summary>
/// The names of what the report counts. A case contributes a few of them to each (unit, China day) it touches; the
/// day's row keeps their sums. Names hold no '=', ';', ',', '*' or space, which the stored forms use as separators.
/// </summary>
public static class ReportCounter
{
    /// <summary>Cases received that day (the day of ReceivedAt).</summary>
    public const string Received = "n";

    /// <summary>Reopens of those cases (a case reopened twice adds 2), and the cases reopened at least once.</summary>
    public const string Reopens = "ro";
    public const string ReopenedCases = "rc";

    /// <summary>Assignments that day (the day of AssignedAt): the 响应率's denominator, and how each ended.</summary>
    public const string Assigned = "aa";
    public const string AcknowledgedOnTime = "ao";
    public const string AcknowledgedLate = "al";

    /// <summary>Resolutions due that day (the day of ResolutionDueAt): the 解决率's denominator, and how each ended.</summary>
    public const string ResolutionDue = "rd";
    public const string ResolvedOnTime = "rt";
    public const string ResolvedLate = "rl";

    /// <summary>Callback surveys answered that day (the day of RatedAt): the 满意率's denominator, and those rated 3–5.</summary>
    public const string Rated = "sv";
    public const string Satisfied = "ss";

    public const string StatusPrefix = "s.";
    public const string CategoryPrefix = "c.";
    public const string PriorityPrefix = "p.";
    public const string ChannelPrefix = "ch.";

    public static string Status(string status) => StatusPrefix + Safe(status);

    public static string Category(string category) => CategoryPrefix + Safe(category);

    public static string Priority(string priority) => PriorityPrefix + Safe(priority);

    public static string Channel(string channel) => ChannelPrefix + Safe(channel);

    public static string Rating(int rating) => "r" + rating.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A case's field made safe for the stored form: every separator becomes '_' (the fields are codes, so none has one).</summary>
    private static string Safe(string value) =>
        value.Length == 0 ? "_" : value.Replace('=', '_').Replace(';', '_').Replace(' ', '_').Replace('\n', '_');
}
