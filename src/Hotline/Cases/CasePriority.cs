namespace Hotline.Cases;

public static class CasePriority
{
    public const string Normal = "normal";
    public const string Urgent = "urgent";
    public const string MajorIncident = "major_incident";

    public static IReadOnlyList<string> All { get; } = [Normal, Urgent, MajorIncident];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);
}
