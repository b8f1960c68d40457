using CsvHelper;

namespace Hotline.Ledger;

/// <summary>
/// Writes the ledger with CsvHelper: UTF-8 with a byte order mark (without it Excel and WPS read the Chinese as the
/// local code page), RFC 4180 quoting, and text that a spreadsheet would run as a formula (a cell starting with
/// = + - @, a tab or CR) escaped with a leading apostrophe. Rows go out as they come: the writer flushes whenever its
/// buffer is mostly full, asynchronously, so the body streams and memory stays one buffer whatever the row count.
/// </summary>
public static class LedgerCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = new()
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<LedgerRow> rows, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        await csv.WriteRecordsAsync(rows, cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}
