namespace Hotline.Intake.WebForm;

/// <summary>
/// One entry of the form's region list: an administrative division code, its name, and its depth in the tree
/// (0 for a province, 1 for a city, …) so the list can show the hierarchy by indentation; <paramref name="NameEn"/>
/// is the English name where the directory has one.
/// </summary>
public sealed record RegionOption(string Code, string Name, int Depth, string? NameEn = null);
