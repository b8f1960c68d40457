using Hotline.Reports;

namespace Hotline.AdminPage;

/// <summary>One line of the rates chart and how it is drawn: colour, dash and marker, so no line relies on colour alone.</summary>
internal sealed record RateSeries(string Name, Func<ReportRates, ReportRate> Pick, string Colour, string Dash, string Marker);
