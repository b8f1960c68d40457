using System.Globalization;

namespace Hotline.Sms.SameText;

/// <summary>
/// The key scheme of the smsrecent table. PartitionKey = "window-{UTC day}", RowKey = "{phone hash}-{body hash}". A text
/// sent at <c>t</c> is recorded in the partition of every day its window touches, from the day of <c>t</c> to the day of
/// <c>t + window</c>, so a later text needs to look only in its own day's partition: every text it may repeat is
/// recorded there. A day's partition is read only by texts of that day, so once the day is over the whole partition
/// can go, with a range delete whose cost is the rows that expired. Every text stays recorded for its whole window
/// (in the later days' partitions) and at most a day and <see cref="SameTextExpiry.Margin"/> beyond it.
/// </summary>
internal static class SameTextKeys
{
    private const string Prefix = "window-";

    /// <summary>The partitions a text sent at <paramref name="now"/> is recorded in, its own day first.</summary>
    public static IReadOnlyList<string> Partitions(DateTimeOffset now, TimeSpan window)
    {
        var first = DateOnly.FromDateTime(now.UtcDateTime);
        var last = DateOnly.FromDateTime((now + window - TimeSpan.FromTicks(1)).UtcDateTime);
        var days = new List<string>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(Partition(day));
        }

        return days;
    }

    public static string Partition(DateOnly day) => Prefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Row(string phoneHash, string bodyHash) => $"{phoneHash}-{bodyHash}";

    /// <summary>
    /// Every partition key before the day of <paramref name="firstLive"/>: the expired days, and the rows of the former
    /// scheme (one partition per phone hash, hexadecimal, so they sort before "window-"), which nothing reads any more.
    /// </summary>
    public static string ExpiredBefore(DateOnly firstLive) => Partition(firstLive);
}
