namespace Hotline.LocalHost;

/// <summary>
/// The httpTrigger <c>authLevel</c>; the host's default is <see cref="Function"/>.
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger#http-auth
/// </summary>
public enum AuthLevel
{
    Anonymous,
    Function,
    Admin,
}
