using System.ComponentModel.DataAnnotations;

namespace Hotline.Hosting;

public sealed class PublicOptions
{
    public const string Section = "Hotline:Public";

    /// <summary>The address callers reach the app at; status links in answers and texts start with it.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "http://127.0.0.1:7071";
}
