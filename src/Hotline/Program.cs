using Hotline;
using Hotline.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseFunctionsCustomHandlerPort();
builder.AddHotline();

var app = builder.Build();
app.UseHotline();
app.Run();

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
