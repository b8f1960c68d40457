namespace Hotline.Cases;

public static class CasePriority
{
    public const string Normal = "normal";
    public const string Urgent = "urgent";
    public const string MajorIncident = "major_incident";
}
