using System.Globalization;

namespace Hotline.Hosting;

/// <summary>
/// How the movable clock's instants are written (<c>Hotline__Clock__StartAt</c>, the local host's
/// <c>POST /admin/clock {"to": …}</c>). One file, compiled into the app and linked into the local host, so both read an
/// instant the same way.
/// </summary>
public static class ClockInstant
{
    /// <summary>Only an instant with an explicit offset: without one the moment would depend on the machine's zone.</summary>
    public static bool TryParse(string value, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(value);
        instant = default;
        string trimmed = value.Trim();
        bool hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z') ||
            (trimmed.Length > 6 && trimmed[^6] is '+' or '-' && trimmed[^3] == ':');
        return hasOffset && trimmed.Contains('T', StringComparison.OrdinalIgnoreCase) &&
            DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
