using System.Security.Cryptography;

namespace Hotline.Cases;

/// <summary>
/// Ticket ids: 8 characters a caller can read out and type on a phone keypad without ambiguity.
/// The alphabet leaves out 0/O and 1/I/L; input is matched case-insensitively, ignoring spaces and dashes.
/// </summary>
public static class TicketId
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 8;

    public static string New()
    {
        // 31^8 ≈ 8.5e11 ids; a collision is caught by the conditional insert and retried with a new id.
        return RandomNumberGenerator.GetString(Alphabet, Length);
    }

    /// <summary>Normalises what a caller typed (lower case, spaces, dashes) or returns null when it cannot be an id.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 20)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[Length];
        var count = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (count == Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            buffer[count++] = upper;
        }

        return count == Length ? new string(buffer) : null;
    }
}
