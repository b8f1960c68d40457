using System.Globalization;
using Hotline.Intake.WebForm;
using Hotline.Reports;

namespace Hotline.AdminPage;

/// <summary>
/// The page's charts as inline SVG, drawn here so the page needs no script and fetches nothing. Each chart is an
/// image with a title and a description for screen readers, every value is also written as text (a label on the
/// bar, a tooltip and the table beside the line chart), and lines differ by dash and marker as well as colour.
/// </summary>
internal static class SvgCharts
{
    private const int Width = 480;

    public static IReadOnlyList<RateSeries> Series(PageLanguage lang) =>
    [
        new(AdminLabels.Acknowledgement(lang), r => r.Acknowledgement, "#0b4f9c", "", "circle"),
        new(AdminLabels.Resolution(lang), r => r.Resolution, "#a3121b", "7 4", "square"),
        new(AdminLabels.Satisfaction(lang), r => r.Satisfaction, "#1d6b2f", "2 3", "triangle"),
    ];

    /// <summary>The three rates over the periods, 0–100 %, a gap where a period had nothing to count.</summary>
    public static void Rates(HtmlWriter w, string id, string title, string description, IReadOnlyList<RatePeriod> periods, PageLanguage lang)
    {
        const int height = 270, left = 58, right = 16, top = 14, bottom = 46;
        const int plotWidth = Width - left - right, plotHeight = height - top - bottom;
        double X(int i) => left + (periods.Count == 1 ? plotWidth / 2.0 : i * (double)plotWidth / (periods.Count - 1));
        double Y(double rate) => top + plotHeight * (1 - rate);

        Open(w, id, title, description, height);
        for (var p = 0; p <= 100; p += 25)
        {
            var y = F(Y(p / 100.0));
            w.Raw($"<line class=\"gridline\" x1=\"{left}\" x2=\"{Width - right}\" y1=\"{y}\" y2=\"{y}\"/>")
                .Raw($"<text class=\"axis\" x=\"{left - 6}\" y=\"{y}\" dy=\"0.35em\" text-anchor=\"end\">{p}%</text>\n");
        }

        // About five dates, the last always, none crowding it: at a phone's font a date is a fifth of the width.
        var step = Math.Max(1, (int)Math.Ceiling(periods.Count / 5.0));
        var last = periods.Count - 1;
        for (var i = 0; i < periods.Count; i++)
        {
            if (i == last || (i % step == 0 && (i == 0 || last - i >= step)))
            {
                // The ends are anchored inwards, so the first and last dates stay inside the chart.
                var anchor = periods.Count > 1 && i == 0 ? "start" : periods.Count > 1 && i == last ? "end" : "middle";
                w.Raw($"<text class=\"axis\" x=\"{F(X(i))}\" y=\"{height - bottom + 22}\" text-anchor=\"{anchor}\">").Text(periods[i].Label).Raw("</text>\n");
            }
        }

        foreach (var series in Series(lang))
        {
            w.Raw($"<g class=\"series\" fill=\"{series.Colour}\" stroke=\"{series.Colour}\">\n");
            var segment = new List<string>();
            void Flush()
            {
                if (segment.Count > 1)
                {
                    var dash = series.Dash.Length == 0 ? "" : $" stroke-dasharray=\"{series.Dash}\"";
                    w.Raw($"<polyline fill=\"none\" stroke-width=\"2.5\"{dash} points=\"{string.Join(' ', segment)}\"/>\n");
                }

                segment.Clear();
            }

            for (var i = 0; i < periods.Count; i++)
            {
                var rate = series.Pick(periods[i].Rates);
                if (rate.Rate is not { } value)
                {
                    Flush();
                    continue;
                }

                var (x, y) = (X(i), Y(value));
                segment.Add($"{F(x)},{F(y)}");
                w.Raw("<g>");
                Marker(w, series.Marker, x, y);
                w.Raw("<title>").Text($"{periods[i].Name} {series.Name} {Percent(rate)} ({Fraction(rate)})").Raw("</title></g>\n");
            }

            Flush();
            w.Raw("</g>\n");
        }

        w.Raw("</svg>\n<ul class=\"legend\">\n");
        foreach (var series in Series(lang))
        {
            var dash = series.Dash.Length == 0 ? "" : $" stroke-dasharray=\"{series.Dash}\"";
            w.Raw($"<li><svg width=\"36\" height=\"14\" viewBox=\"0 0 36 14\" aria-hidden=\"true\" fill=\"{series.Colour}\" stroke=\"{series.Colour}\">")
                .Raw($"<line x1=\"1\" x2=\"35\" y1=\"7\" y2=\"7\" stroke-width=\"2.5\"{dash}/>");
            Marker(w, series.Marker, 18, 7);
            w.Raw("</svg>").Text(series.Name).Raw("</li>\n");
        }

        w.Raw("</ul>\n</figure>\n");
    }

    /// <summary>Horizontal bars, each with its label above it and its count at its end; zero bars are listed too.</summary>
    public static void Bars(HtmlWriter w, string id, string title, string description, IReadOnlyList<(string Label, long Value)> bars)
    {
        // Room for the label at the phone's larger font (the stylesheet's media query), above the bar.
        const int rowHeight = 48, barHeight = 16, valueRoom = 64;
        var height = Math.Max(1, bars.Count) * rowHeight + 8;
        var max = Math.Max(1, bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        Open(w, id, title, description, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = i * rowHeight + 4;
            var length = (Width - valueRoom - 2) * (double)value / max;
            w.Raw("<g>")
                .Raw($"<text class=\"bar-label\" x=\"0\" y=\"{y + 18}\">").Text(label).Raw("</text>")
                .Raw($"<rect class=\"bar\" x=\"0\" y=\"{y + 25}\" width=\"{F(Math.Max(length, value > 0 ? 2 : 0))}\" height=\"{barHeight}\"/>")
                .Raw($"<text class=\"bar-value\" x=\"{F(length + 6)}\" y=\"{y + 25 + barHeight - 1}\">{value.ToString(CultureInfo.InvariantCulture)}</text>")
                .Raw("</g>\n");
        }

        w.Raw("</svg>\n</figure>\n");
    }

    public static string Percent(ReportRate rate) =>
        rate.Rate is { } value ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Fraction(ReportRate rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{rate.Numerator}/{rate.Denominator}");

    private static void Open(HtmlWriter w, string id, string title, string description, int height) =>
        w.Raw($"<figure class=\"chart\">\n<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" preserveAspectRatio=\"xMinYMin meet\">\n")
            .Raw($"<title id=\"{id}-title\">").Text(title).Raw("</title>\n")
            .Raw($"<desc id=\"{id}-desc\">").Text(description).Raw("</desc>\n");

    private static void Marker(HtmlWriter w, string marker, double x, double y)
    {
        switch (marker)
        {
            case "square":
                w.Raw($"<rect x=\"{F(x - 4)}\" y=\"{F(y - 4)}\" width=\"8\" height=\"8\"/>");
                break;
            case "triangle":
                w.Raw($"<polygon points=\"{F(x)},{F(y - 5)} {F(x + 5)},{F(y + 4)} {F(x - 5)},{F(y + 4)}\"/>");
                break;
            default:
                w.Raw($"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"4\"/>");
                break;
        }
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
