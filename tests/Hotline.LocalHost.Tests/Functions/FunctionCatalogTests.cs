using System.Net;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Http;
using Hotline.LocalHost.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.LocalHost.Tests.Functions;

/// <summary>The worker's metadata read into functions, and HTTP routes chosen by precedence in any function order.</summary>
public sealed class FunctionCatalogTests
{
    private static readonly HostConfiguration Host = new("api", QueueTriggerOptions.Default, null);

    [Fact]
    public void Raw_bindings_give_routes_methods_auth_levels_queues_schedules_and_outputs()
    {
        var settings = new AppSettings([new("Q", "Orders")], []);
        FunctionCatalog catalog = FunctionCatalog.Build(
            [
                Metadata("Get", """{"name":"req","type":"httpTrigger","direction":"In","authLevel":"Anonymous","methods":["get"],"route":"items/{id}"}""", """{"name":"$return","type":"http","direction":"Out"}"""),
                Metadata("Default", """{"name":"req","type":"httpTrigger","direction":"In"}"""),
                Metadata("Q", """{"name":"m","type":"queueTrigger","direction":"In","queueName":"%Q%","properties":{"supportsDeferredBinding":"True"}}""", """{"name":"$return","type":"queue","direction":"Out","queueName":"done-items"}"""),
                Metadata("T", """{"name":"t","type":"timerTrigger","direction":"In","schedule":"0 */5 * * * *","runOnStartup":true}"""),
            ],
            Host,
            settings);

        FunctionInfo get = catalog.Find("Get")!.Info;
        Assert.Equal(("/api/items/{id}", "GET", AuthLevel.Anonymous), (get.Route, get.Methods.Single(), get.AuthLevel));
        Assert.Empty(catalog.Find("Get")!.Outputs);
        FunctionInfo fallback = catalog.Find("Default")!.Info;
        Assert.Equal(("/api/Default", AuthLevel.Function), (fallback.Route, fallback.AuthLevel));
        Assert.Empty(fallback.Methods);
        WorkerFunction queue = catalog.Find("Q")!;
        Assert.Equal("orders", queue.Info.QueueName);
        Assert.True(queue.DeferredBinding);
        Assert.Equal(new OutputBinding("$return", "queue", "done-items", null), Assert.Single(queue.Outputs));
        WorkerFunction timer = catalog.Find("T")!;
        Assert.Equal(("0 */5 * * * *", true), (timer.Info.Schedule, timer.RunOnStartup));
    }

    [Fact]
    public void Every_problem_in_the_metadata_is_reported_at_once()
    {
        var error = Assert.Throws<FunctionsConfigurationException>(() => FunctionCatalog.Build(
            [
                Metadata("Unresolved", """{"name":"m","type":"queueTrigger","direction":"In","queueName":"%Missing%"}"""),
                Metadata("Short", """{"name":"m","type":"queueTrigger","direction":"In","queueName":"q1"}"""),
                Metadata("BadCron", """{"name":"t","type":"timerTrigger","direction":"In","schedule":"every day"}"""),
                Metadata("Blob", """{"name":"m","type":"queueTrigger","direction":"In","queueName":"items"}""", """{"name":"b","type":"blob","direction":"Out"}"""),
            ],
            Host,
            new AppSettings([], [])));

        Assert.Contains("%Missing%", error.Message, StringComparison.Ordinal);
        Assert.Contains("'q1' must have 3 to 63 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("'every day' is not an NCRONTAB expression", error.Message, StringComparison.Ordinal);
        Assert.Contains("output binding type 'blob'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_routes_resolve_by_precedence_whatever_the_function_order()
    {
        RpcFunctionMetadata[] functions =
        [
            Metadata("CatchAll", Http("{*path}")),
            Metadata("ById", Http("items/{id}")),
            Metadata("ByNumber", Http("items/{n:int}")),
            Metadata("Special", Http("items/special")),
        ];
        var routePrefixless = new HostConfiguration(string.Empty, QueueTriggerOptions.Default, null);

        foreach (RpcFunctionMetadata[] order in new[] { functions, functions.Reverse().ToArray() })
        {
            FunctionCatalog catalog = FunctionCatalog.Build(order, routePrefixless, new AppSettings([], []));
            await using WebApplication app = await StartRoutingAsync(catalog);
            using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

            Assert.Equal("Special", await client.GetStringAsync("/items/special"));
            Assert.Equal("ByNumber", await client.GetStringAsync("/items/7"));
            Assert.Equal("ById", await client.GetStringAsync("/items/x"));
            Assert.Equal("CatchAll", await client.GetStringAsync("/items/x/y"));
            Assert.Equal("CatchAll", await client.GetStringAsync("/"));
        }
    }

    private static async Task<WebApplication> StartRoutingAsync(FunctionCatalog catalog)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        var endpoints = new FunctionEndpointDataSource(context =>
            context.Response.WriteAsync(context.GetEndpoint()!.Metadata.GetMetadata<FunctionEndpointMetadata>()!.FunctionName));
        endpoints.Update(catalog);
        app.UseRouting();
        ((IEndpointRouteBuilder)app).DataSources.Add(endpoints);
        await app.StartAsync();
        return app;
    }

    private static string Http(string route) => $$"""{"name":"req","type":"httpTrigger","direction":"In","authLevel":"Anonymous","methods":["get"],"route":"{{route}}"}""";

    private static RpcFunctionMetadata Metadata(string name, params string[] rawBindings)
    {
        var metadata = new RpcFunctionMetadata { Name = name, FunctionId = name.GetHashCode(StringComparison.Ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture), ScriptFile = "app.dll" };
        metadata.RawBindings.Add(rawBindings);
        return metadata;
    }
}
