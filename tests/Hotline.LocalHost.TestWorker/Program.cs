using Hotline.Hosting;
using Hotline.LocalHost.TestWorker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The options error a real app hits at start: the local host must report the exit code and stderr, not hang.
builder.Services.AddOptions<StartupOptions>()
    .BindConfiguration(StartupOptions.Section)
    .Validate(options => !options.FailAtStart, "TestWorker:FailAtStart is set, so the worker refuses to start.")
    .ValidateOnStart();
builder.Services.AddHotlineClock(builder.Configuration);
await builder.Build().RunAsync();
