namespace Hotline.Reports;

public static class ReportServiceCollectionExtensions
{
    /// <summary>The report's aggregate (kept by <see cref="Cases.CaseStore"/> through <see cref="ReportProjection"/>) and its readers.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<CaseReportKeys>();
        services.AddSingleton<UnitDayTable>();
        services.AddSingleton<OpenCaseTable>();
        services.AddSingleton<ReportProjection>();
        services.AddSingleton<ReportReader>();
        services.AddSingleton<ReportRebuild>();
        return services;
    }
}
