using Hotline.Storage;
using Azure.Data.Tables;

namespace Hotline.Officers;

/// <summary>
/// The officertokens table. Key scheme: PartitionKey "hash:{sha-256 hex}", RowKey "token" → OfficerId, TokenId,
/// CreatedAt, so authenticating a request is one point read; PartitionKey "officer:{officer id}", RowKey token id →
/// Hash, CreatedAt, so an admin lists and revokes by officer. The token itself is never stored.
/// </summary>
public sealed partial class OfficerTokenStore(HotlineStorage storage, TimeProvider time, ILogger<OfficerTokenStore> logger)
{
    private const string HashPrefix = "hash:";
    private const string OfficerPrefix = "officer:";
    private const string HashRow = "token";

    private TableClient Table => storage.OfficerTokens;

    public async Task<IssuedOfficerToken> IssueAsync(string officerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(officerId);
        var token = OfficerTokenFormat.New();
        var hash = OfficerTokenFormat.Hash(token);
        var tokenId = OfficerIds.NewTokenId();
        var createdAt = time.GetUtcNow();

        // The two rows sit in different partitions, so no transaction: the listing row goes first, and a crash
        // before the hash row leaves a listed token that never worked and was never shown, which revoking removes.
        await Table.AddEntityAsync(new TableEntity(OfficerPrefix + officerId, tokenId) { ["Hash"] = hash, ["CreatedAt"] = createdAt }, cancellationToken);
        await Table.AddEntityAsync(new TableEntity(HashPrefix + hash, HashRow) { ["OfficerId"] = officerId, ["TokenId"] = tokenId, ["CreatedAt"] = createdAt }, cancellationToken);
        LogIssued(logger, tokenId, officerId);
        return new IssuedOfficerToken(officerId, token, tokenId, createdAt);
    }

    /// <summary>
    /// The grant for a token's hash, or null. The lookup by hash is the comparison: no stored secret is compared
    /// byte by byte, so there is no timing to measure.
    /// </summary>
    public async Task<OfficerTokenGrant?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityOrNullAsync(HashPrefix + hash, HashRow, cancellationToken: cancellationToken);
        return row?.GetString("OfficerId") is { } officerId && row.GetString("TokenId") is { } tokenId
            ? new OfficerTokenGrant(officerId, tokenId)
            : null;
    }

    public async Task<IReadOnlyList<OfficerTokenSummary>> ListAsync(string officerId, CancellationToken cancellationToken)
    {
        var tokens = new List<OfficerTokenSummary>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OfficerPrefix + officerId}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            tokens.Add(new OfficerTokenSummary(row.RowKey, row.GetDateTimeOffset("CreatedAt") ?? default));
        }

        return [.. tokens.OrderBy(t => t.CreatedAt).ThenBy(t => t.TokenId, StringComparer.Ordinal)];
    }

    /// <summary>Revokes one of an officer's tokens; false when the officer has no such token.</summary>
    public async Task<bool> RevokeAsync(string officerId, string tokenId, CancellationToken cancellationToken)
    {
        var listed = await Table.GetEntityOrNullAsync(OfficerPrefix + officerId, tokenId, cancellationToken: cancellationToken);
        if (listed is null)
        {
            return false;
        }

        // The hash row goes first: from then on the token no longer authenticates, whatever happens next.
        if (listed.GetString("Hash") is { } hash)
        {
            await Table.DeleteEntityAsync(HashPrefix + hash, HashRow, cancellationToken: cancellationToken);
        }

        await Table.DeleteEntityAsync(listed.PartitionKey, listed.RowKey, cancellationToken: cancellationToken);
        LogRevoked(logger, tokenId, officerId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Officer token {TokenId} issued for officer {OfficerId}")]
    private static partial void LogIssued(ILogger logger, string tokenId, string officerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Officer token {TokenId} of officer {OfficerId} revoked")]
    private static partial void LogRevoked(ILogger logger, string tokenId, string officerId);
}
