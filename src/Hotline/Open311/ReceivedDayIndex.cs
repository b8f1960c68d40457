using System.Globalization;
using Azure.Data.Tables;
using Hotline.Cases;
using Hotline.Storage;

namespace Hotline.Open311;

/// <summary>
/// Cases by the China day they were received, so a date-range query reads the days in range and never every case.
/// Key scheme: PartitionKey = China date "yyyyMMdd", RowKey = ticket id; ReceivedAt is kept to cut the first and
/// last day at the range's exact ends. Written by intake before the case, so a row may point at nothing.
/// </summary>
public sealed class ReceivedDayIndex(HotlineStorage storage)
{
    public Task AddAsync(string ticketId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Day(receivedAt), ticketId) { ["ReceivedAt"] = receivedAt };
        return storage.ReceivedDays.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The ticket ids received in [<paramref name="from"/>, <paramref name="to"/>] on <paramref name="day"/>'s China date, newest first.</summary>
    public async Task<IReadOnlyList<string>> ReceivedOnAsync(DateOnly day, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ReceivedAt ge {from} and ReceivedAt le {to}");
        var rows = new List<(string TicketId, DateTimeOffset At)>();
        await foreach (var row in storage.ReceivedDays.QueryAsync<TableEntity>(filter, select: ["RowKey", "ReceivedAt"], cancellationToken: cancellationToken))
        {
            rows.Add((row.RowKey, row.GetDateTimeOffset("ReceivedAt") ?? default));
        }

        return [.. rows.OrderByDescending(r => r.At).ThenBy(r => r.TicketId, StringComparer.Ordinal).Select(r => r.TicketId)];
    }

    public static DateOnly ChinaDay(DateTimeOffset instant) => DateOnly.FromDateTime(ChinaTime.ToChina(instant).DateTime);

    private static string Day(DateTimeOffset instant) => ChinaDay(instant).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
