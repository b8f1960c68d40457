using CsvHelper;

namespace Hotline.Tests.Ledger;

/// <summary>A ledger as a spreadsheet would open it: the bytes checked for the UTF-8 byte order mark, then read back with CsvHelper.</summary>
public sealed record LedgerCsvFile(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public IReadOnlyDictionary<string, string> Row(string ticket) => Assert.Single(Rows, r => r["工单号"] == ticket);

    public static LedgerCsvFile Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Assert.True(bytes.AsSpan().StartsWith(Utf8Bom), "The ledger does not start with the UTF-8 byte order mark.");

        // Strict UTF-8: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD.
        _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < reader.Headers.Count; i++)
            {
                row[reader.Headers[i]] = reader.GetString(i);
            }

            rows.Add(row);
        }

        return new LedgerCsvFile([.. reader.Headers], rows);
    }
}
