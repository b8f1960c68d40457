using Azure.Core;

namespace Hotline.Storage;

/// <summary>Retry, diagnostics and transport settings (from Azure.Core), plus the clock used to date requests.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    public StorageClientOptions()
    {
        Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
        Diagnostics.LoggedHeaderNames.Add("x-ms-approximate-messages-count");
        Diagnostics.LoggedHeaderNames.Add("x-ms-continuation-NextPartitionKey");
        Diagnostics.LoggedHeaderNames.Add("x-ms-continuation-NextRowKey");
        Diagnostics.LoggedQueryParameters.Add("numofmessages");
        Diagnostics.LoggedQueryParameters.Add("visibilitytimeout");
        Diagnostics.LoggedQueryParameters.Add("comp");
    }

    /// <summary>The clock that dates every request (<c>x-ms-date</c>); tests can replace it.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
