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
        if (!ClockInstant.TryParse(options.StartAt, out _))
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
}
