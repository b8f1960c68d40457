namespace Hotline.Officers;

/// <summary>Checks on what an officer writes, shared by the HTTP endpoints and the SMS commands.</summary>
public static class CaseActionInput
{
    /// <summary>SPEC: a resolution note of at most 500 characters; the same bound keeps reasons readable in the ledger.</summary>
    public const int MaxTextLength = 500;

    /// <summary>The trimmed note, or an error message.</summary>
    public static (string? Value, string? Error) CheckNote(string? note) => CheckText(note, "note");

    /// <summary>The trimmed reason, or an error message.</summary>
    public static (string? Value, string? Error) CheckReason(string? reason) => CheckText(reason, "reason");

    private static (string? Value, string? Error) CheckText(string? text, string name)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (null, $"A {name} is required.");
        }

        return trimmed.Length > MaxTextLength
            ? (null, $"The {name} may be at most {MaxTextLength} characters.")
            : (trimmed, null);
    }
}
