namespace Hotline.Open311;

/// <summary>The format a client asks for with the path's extension (<c>services.xml</c>, <c>requests/K7M3QX2P.json</c>).</summary>
public enum Open311Format
{
    /// <summary>The standard's mandatory format, and the one an error about the format itself is written in.</summary>
    Xml,
    Json,
}
