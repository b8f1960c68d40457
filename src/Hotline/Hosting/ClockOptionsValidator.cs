using System.Globalization;
using Microsoft.Extensions.Options;

namespace Hotline.Hosting;

/// <summary>A moved clock in production would date every case, due time and text wrongly: the setting stops the app
/// at start unless the local host started it.</summary>
internal sealed class ClockOptionsValidator : IValidateOptions<ClockOptions>
{
    public ValidateOptionsResult Validate(string? name, ClockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.StartAt))
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (!TryParseInstant(options.StartAt, out _))
        {
            problems.Add($"{ClockOptions.Section}:{nameof(ClockOptions.StartAt)} '{options.StartAt}' is not an ISO 8601 instant with an offset (e.g. 2026-12-01T21:30:00+08:00).");
        }

        if (string.IsNullOrWhiteSpace(options.LocalHostClockFile))
        {
            problems.Add(
                $"{ClockOptions.Section}:{nameof(ClockOptions.StartAt)} (Hotline__Clock__StartAt) moves the app's clock and is only for the local run: " +
                $"the local host (src/Hotline.LocalHost) sets {LocalRunClock.FileVariable} on the worker it starts, and this process has none. Remove the setting.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Only an instant with an explicit offset: without one the moment would depend on the machine's zone.</summary>
    public static bool TryParseInstant(string value, out DateTimeOffset instant)
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
