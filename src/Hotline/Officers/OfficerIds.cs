namespace Hotline.Officers;

/// <summary>
/// Shape checks for ids that arrive in a URL and become Table storage keys: officer and unit ids as the directory
/// allows them (letters, digits, '-', '_', '.', at most 64), token ids as this feature makes them.
/// </summary>
public static class OfficerIds
{
    private const int MaxDirectoryIdLength = 64;
    private const int TokenIdLength = 16;

    public static bool IsDirectoryId(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxDirectoryIdLength
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static string NewTokenId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(TokenIdLength / 2));

    public static bool IsTokenId(string? id) =>
        id is { Length: TokenIdLength } && id.All(char.IsAsciiHexDigitLower);
}
