using Hotline.LocalHost;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Hotline.Tests.Hosting;

/// <summary>
/// The Functions host may try HTTP routes in function order and take the first match, so every request path must
/// match exactly one function's route (with its method): then the order cannot matter. Read from the functions the
/// worker declared to the host.
/// </summary>
public sealed class FunctionRoutesTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite);

    /// <summary>A path for each HTTP function, and paths a caller might try that must stay with the pages or nowhere.</summary>
    public static TheoryData<string, string, string?> Requests => new()
    {
        { "GET", "/", "WebForm" },
        { "GET", "/status", "WebForm" },
        { "GET", "/api", "WebForm" },
        { "GET", "/assets/form.css", "WebFormAssets" },
        { "GET", "/assets/deep/x.png", "WebFormAssets" },
        { "POST", "/api/submissions", "SubmitCase" },
        { "GET", "/api/submissions/K7M3QX2P", "GetCaseStatus" },
        { "GET", "/api/regions", "GetRegions" },
        { "PUT", "/api/admin/directory", "ReplaceDirectory" },
        { "GET", "/api/officers/east-h1/tasks", "GetOfficerTasks" },
        { "POST", "/api/cases/K7M3QX2P/acknowledge", "AcknowledgeCase" },
        { "POST", "/api/cases/K7M3QX2P/resolve", "ResolveCase" },
        { "POST", "/api/cases/K7M3QX2P/complexity", "MarkCaseComplexity" },
        { "POST", "/api/cases/K7M3QX2P/reclassify", "ReclassifyCase" },
        { "POST", "/api/cases/K7M3QX2P/transfer", "TransferCase" },
        { "GET", "/api/cases/K7M3QX2P/history", "GetCaseHistory" },
        { "GET", "/api/admin/cases/K7M3QX2P/history", "GetCaseHistoryForAdmin" },
        { "POST", "/api/admin/officers/east-h1/tokens", "IssueOfficerToken" },
        { "GET", "/api/admin/officers/east-h1/tokens", "ListOfficerTokens" },
        { "DELETE", "/api/admin/officers/east-h1/tokens/tk1", "RevokeOfficerToken" },
        { "GET", "/api/admin/ledger.csv", "GetLedger" },
        { "GET", "/api/admin/report", "GetReport" },
        { "POST", "/api/admin/report/rebuild", "RebuildReport" },
        { "GET", "/api/admin/dashboard", "AdminDashboard" },
        { "GET", "/admin", "WebForm" },
        { "POST", "/api/sms/inbound", "ReceiveSms" },
        { "POST", "/api/sms/status", "SmsStatusCallback" },
        { "GET", "/api/open311/v2/discovery.xml", "GetOpen311Discovery" },
        { "GET", "/api/open311/v2/services.json", "GetOpen311Services" },
        { "GET", "/api/open311/v2/services/wage_arrears.xml", "GetOpen311ServiceDefinition" },
        { "POST", "/api/open311/v2/requests.json", "PostOpen311Request" },
        { "GET", "/api/open311/v2/requests.xml", "GetOpen311Requests" },
        { "GET", "/api/open311/v2/requests/K7M3QX2P.json", "GetOpen311Request" },
        { "GET", "/api/open311/v2/requests", null },
        { "GET", "/api/open311/v2/requests/K7M3QX2P/x.json", null },
        { "GET", "/api/nothing/here", null },
        { "GET", "/api/submissions/K7M3QX2P/extra", null },
        { "GET", "/nope/deep/x.png", null },
        { "POST", "/status", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Every_path_matches_at_most_one_function_so_route_order_cannot_matter(string method, string path, string? function)
    {
        var matches = _app.Host.Functions
            .Where(f => f.Trigger == FunctionTriggerKind.Http && Matches(f, method, path))
            .Select(f => f.Name)
            .ToList();

        Assert.Equal(function is null ? [] : [function], matches);
    }

    /// <summary>The Functions host refuses a function whose route starts with "admin" or "runtime" (ScriptHost.ValidateHttpFunction).</summary>
    [Fact]
    public void No_route_is_in_the_hosts_own_space()
    {
        var routes = _app.Host.Functions.Where(f => f.Trigger == FunctionTriggerKind.Http).Select(f => f.Route!.Trim('/').ToLowerInvariant());

        Assert.All(routes, r => Assert.False(r.StartsWith("admin", StringComparison.Ordinal) || r.StartsWith("runtime", StringComparison.Ordinal), r));
    }

    [Fact]
    public void Every_http_function_is_covered_here()
    {
        var covered = Requests.Select(r => (string?)r[2]).Where(f => f is not null).ToHashSet();
        var http = _app.Host.Functions.Where(f => f.Trigger == FunctionTriggerKind.Http).Select(f => f.Name);

        Assert.All(http, f => Assert.Contains(f, covered));
    }

    private static bool Matches(FunctionInfo function, string method, string path)
    {
        if (function.Methods.Count > 0 && !function.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        var template = TemplateParser.Parse(function.Route!.TrimStart('/'));
        var matcher = new TemplateMatcher(template, new RouteValueDictionary());
        return matcher.TryMatch(path, new RouteValueDictionary());
    }

    public void Dispose() => _app.Dispose();
}
