using Hotline.Reports;

namespace Hotline.AdminPage;

/// <summary>One point of the rates chart: a day, or a week (Monday to Sunday) in a long range, with its short label.</summary>
internal sealed record RatePeriod(string Label, string Name, ReportRates Rates);
