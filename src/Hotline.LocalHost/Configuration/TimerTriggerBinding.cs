namespace Hotline.LocalHost.Configuration;

/// <summary>A timerTrigger with its schedule resolved (%Setting%); <see cref="UseMonitor"/> null means the host default.</summary>
internal sealed record TimerTriggerBinding(string Name, string Schedule, bool RunOnStartup, bool? UseMonitor) : TriggerBinding(Name)
{
    public override string Type => "timerTrigger";
}
