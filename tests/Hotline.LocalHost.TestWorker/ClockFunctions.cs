using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.LocalHost.TestWorker;

/// <summary>The app's TimeProvider as the worker sees it (the app's registration, linked from src/Hotline).</summary>
public sealed class ClockFunctions(TimeProvider time)
{
    [Function("Now")]
    public IResult Now([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "now")] HttpRequest request) =>
        Results.Text(time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture));
}
