using Azure;
using Azure.Data.Tables;
using Hotline.Sms.Phones;
using Hotline.Sms.Templates;
using Hotline.Storage;

namespace Hotline.Callback;

/// <summary>
/// The surveys waiting for a caller's rating. Key scheme of the surveys table: PartitionKey = keyed phone hash (never
/// the number), RowKey = ticket id; one row per case, holding the round (resolution) it asks about. A phone with
/// several resolved cases has several rows; a bare digit rates the latest sent. A row lives until its no-reply check
/// removes it (the answer is marked on it first, so a repeat of the rating text is answered alike); past its
/// ExpiresAt it no longer counts.
/// </summary>
public sealed class PendingSurveys(HotlineStorage storage, PhoneHash phoneHash, TimeProvider time)
{
    private TableClient Table => storage.Surveys;

    /// <summary>Records the survey of <paramref name="round"/>; a survey of the same round already there (a repeated run) is kept as it is.</summary>
    public async Task AddAsync(string phone, string ticketId, string round, string language, DateTimeOffset sentAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var key = phoneHash.Compute(phone);
        var existing = await Table.GetEntityOrNullAsync(key, ticketId, cancellationToken);
        if (existing?.GetString("Round") == round)
        {
            return;
        }

        // A row of an earlier round (the case was reopened and resolved again) is replaced, answer and all.
        await Table.UpsertEntityAsync(new TableEntity(key, ticketId)
        {
            ["Round"] = round,
            ["Language"] = language,
            ["SentAt"] = sentAt,
            ["ExpiresAt"] = expiresAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The phone's surveys still open for an answer, latest sent first. A phone has a handful, so its partition is read whole.</summary>
    public async Task<IReadOnlyList<PendingSurvey>> FindOpenAsync(string phone, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = new List<PendingSurvey>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {phoneHash.Compute(phone)}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (FromEntity(row) is { } survey && survey.ExpiresAt > now)
            {
                open.Add(survey);
            }
        }

        return [.. open.OrderByDescending(s => s.SentAt).ThenBy(s => s.TicketId, StringComparer.Ordinal)];
    }

    public async Task<PendingSurvey?> GetAsync(string phone, string ticketId, CancellationToken cancellationToken) =>
        await Table.GetEntityOrNullAsync(phoneHash.Compute(phone), ticketId, cancellationToken) is { } row ? FromEntity(row) : null;

    /// <summary>Marks the survey answered by <paramref name="messageSid"/>, unless it changed since it was read (another answer came first).</summary>
    public async Task<bool> TryMarkAnsweredAsync(string phone, PendingSurvey survey, string messageSid, int rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var mark = new TableEntity(phoneHash.Compute(phone), survey.TicketId)
        {
            ["AnsweredBy"] = messageSid,
            ["Rating"] = rating,
            ["AnsweredAt"] = time.GetUtcNow(),
        };
        try
        {
            await Table.UpdateEntityAsync(mark, survey.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            return false;
        }
    }

    /// <summary>Removes the survey of <paramref name="round"/>; a row of a later round stays.</summary>
    public async Task RemoveAsync(string phone, string ticketId, string round, CancellationToken cancellationToken)
    {
        var key = phoneHash.Compute(phone);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (await Table.GetEntityOrNullAsync(key, ticketId, cancellationToken) is not { } row || row.GetString("Round") != round)
            {
                return;
            }

            try
            {
                await Table.DeleteEntityAsync(key, ticketId, row.ETag, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
            {
                // Answered, replaced by a later round or removed meanwhile: read again.
            }
        }
    }

    private static PendingSurvey? FromEntity(TableEntity row) =>
        row.GetString("Round") is { } round && row.GetDateTimeOffset("SentAt") is { } sentAt && row.GetDateTimeOffset("ExpiresAt") is { } expiresAt
            ? new PendingSurvey(row.RowKey, round, row.GetString("Language") ?? SmsLanguage.Chinese, sentAt, expiresAt, row.GetString("AnsweredBy"), row.GetInt32("Rating"), row.ETag)
            : null;
}
