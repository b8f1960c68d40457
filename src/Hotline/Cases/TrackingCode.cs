using System.Security.Cryptography;
using System.Text;

namespace Hotline.Cases;

/// <summary>
/// The code that, with the ticket id, lets a caller read the status without logging in. Only its hash is stored
/// with the case, so a leak of the cases table does not hand out the codes.
/// </summary>
public static class TrackingCode
{
    public const int Length = 6;

    /// <summary>Drawn from the ticket alphabet: just as easy to read out and type.</summary>
    public static string New() => RandomNumberGenerator.GetString(TicketId.Alphabet, Length);

    public static string Hash(string ticketId, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{ticketId}:{code.Trim().ToUpperInvariant()}"));
        return Convert.ToHexString(bytes);
    }

    /// <summary>The first codes a case keeps whatever follows: the ones handed out when it was made and its place given.</summary>
    public const int KeptFirst = 4;

    /// <summary>The latest merged codes a case keeps, so a retry of a recent merge still recognises itself.</summary>
    public const int KeptLatest = 12;

    /// <summary>
    /// Adds a code's hash to the stored ones, keeping at most <see cref="KeptFirst"/> + <see cref="KeptLatest"/>:
    /// every merge adds one, and a case that anyone can merge into (typing someone's phone) must stay inside the
    /// table service's 64 KiB property limit whatever the number of merges. The codes dropped from the middle are
    /// merged reports', which no answer shows (the codes callers hold come first: the case's own and the SMS place
    /// answer's, given within minutes), so no caller loses access.
    /// </summary>
    public static string AddHash(string storedHashes, string hash)
    {
        ArgumentNullException.ThrowIfNull(storedHashes);
        var hashes = storedHashes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(hash).ToList();
        if (hashes.Count > KeptFirst + KeptLatest)
        {
            hashes.RemoveRange(KeptFirst, hashes.Count - KeptFirst - KeptLatest);
        }

        return string.Join(' ', hashes);
    }

    /// <summary>
    /// Checks a code against the stored hashes (space-separated: a merged report adds its own code to the case, so
    /// each caller keeps the code they were given).
    /// </summary>
    public static bool Matches(string ticketId, string? code, string storedHashes)
    {
        ArgumentNullException.ThrowIfNull(storedHashes);
        if (string.IsNullOrWhiteSpace(code) || code.Length > 32)
        {
            return false;
        }

        var actual = Encoding.ASCII.GetBytes(Hash(ticketId, code));
        var matched = false;
        foreach (var stored in storedHashes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // No early exit: the time taken does not tell which stored code matched.
            matched |= CryptographicOperations.FixedTimeEquals(actual, Encoding.ASCII.GetBytes(stored));
        }

        return matched;
    }
}
