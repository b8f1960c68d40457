namespace Hotline.AdminPage;

/// <summary>
/// The admin page's stylesheet, inline in the page (one page, one request, nothing to cache or fetch). Laptop: the
/// charts side by side; phone: one column, tables scroll sideways inside their box, 44 px tap targets.
/// </summary>
internal static class AdminPageStyles
{
    public const string Css = """
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;background:#f4f2ef;color:#1d1d1b;font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;font-size:1rem;line-height:1.5}
        a{color:#0b4f9c;text-underline-offset:.15em}
        :focus-visible{outline:3px solid #ffbf47;outline-offset:0;box-shadow:0 0 0 6px #1d1d1b}
        .wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
        .skip-link{position:absolute;left:-9999px;top:0;padding:.75rem 1rem;background:#ffbf47;color:#1d1d1b;font-weight:700;z-index:10}
        .skip-link:focus{left:0}
        .masthead{background:#a3121b;color:#fff;border-bottom:.375rem solid #6e0b12}
        .masthead .wrap{display:flex;align-items:center;justify-content:space-between;gap:1rem;min-height:3.5rem}
        .brand{margin:0;font-weight:700;font-size:1.125rem}
        .brand-number{display:inline-block;margin-right:.4em;padding:0 .35em;border:2px solid #fff;border-radius:.25rem}
        .masthead a{color:#fff;font-weight:700;display:inline-flex;align-items:center;min-height:2.75rem;padding:0 .5rem;white-space:nowrap}
        .masthead a:focus-visible{color:#1d1d1b;background:#ffbf47}
        main{display:block;padding-top:1.25rem;padding-bottom:2rem}
        h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
        h2{font-size:1.2rem;line-height:1.3;margin:0 0 .75rem}
        .lede{margin:0 0 1rem;color:#444}
        .card{background:#fff;border-radius:.5rem;padding:1rem;box-shadow:0 1px 2px rgba(0,0,0,.12);min-width:0}
        .stack>*+*{margin-top:1rem}
        .filters{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:flex-end}
        .filters label{display:block;font-weight:700;font-size:.95rem;margin-bottom:.25rem}
        .filters input,.filters select{font:inherit;min-height:2.75rem;padding:.4rem .5rem;border:2px solid #1d1d1b;border-radius:.25rem;background:#fff;max-width:100%}
        .filters button{font:inherit;font-weight:700;min-height:2.75rem;padding:.4rem 1.25rem;border:0;border-radius:.25rem;background:#1d6b2f;color:#fff;cursor:pointer}
        .filters .field{min-width:0;flex:1 1 10rem}
        .filters .field select,.filters .field input{width:100%}
        .kpis{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,8.5rem),1fr));margin:0;padding:0}
        .kpi{margin:0}
        .kpi dt{font-weight:700;color:#444}
        .kpi dd{margin:0;font-size:1.75rem;font-weight:700;line-height:1.2}
        .kpi .sub{display:block;font-size:.9rem;font-weight:400;color:#444}
        .grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr))}
        .chart{margin:0}
        .chart svg{display:block;width:100%;height:auto}
        .chart .gridline{stroke:#d0ccc6;stroke-width:1}
        .chart .axis{font-size:12px;fill:#444}
        .chart .bar{fill:#0b4f9c}
        .chart .bar-label{font-size:13px;fill:#1d1d1b}
        .chart .bar-value{font-size:13px;font-weight:700;fill:#1d1d1b}
        .legend{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0 0;padding:0;font-size:.95rem}
        .legend li{display:flex;flex:none;align-items:center;gap:.4rem;white-space:nowrap}
        .table-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
        table{border-collapse:collapse;width:100%;font-size:.95rem}
        caption{text-align:left;font-weight:700;padding-bottom:.5rem}
        th,td{padding:.45rem .5rem;border-bottom:1px solid #d0ccc6;text-align:left;vertical-align:top}
        th[scope=row]{white-space:nowrap}
        th[scope=col]{background:#f4f2ef;white-space:nowrap}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .depth-1{padding-left:1.5rem}.depth-2{padding-left:2.5rem}.depth-3{padding-left:3.5rem}
        details summary{cursor:pointer;min-height:2.75rem;display:flex;align-items:center;font-weight:700}
        .error-summary{border:4px solid #a3121b;background:#fff;padding:1rem;border-radius:.25rem}
        .error-summary h2{color:#a3121b}
        .download{display:inline-flex;align-items:center;min-height:2.75rem;font-weight:700}
        .footer{color:#444;font-size:.9rem;padding-bottom:2rem}
        @media (max-width:40rem){.chart .axis{font-size:17px}.chart .bar-label,.chart .bar-value{font-size:19px}.kpi dd{font-size:1.5rem}}
        """;
}
