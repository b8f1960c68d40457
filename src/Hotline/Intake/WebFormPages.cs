using Hotline.Intake.WebForm;
using Hotline.Routing;

namespace Hotline.Intake;

/// <summary>Renders the web form with the places of the directory in use.</summary>
public static class WebFormPages
{
    public static string RenderForm(string? language, DirectoryProvider directories, SubmissionFields? values, IReadOnlyDictionary<string, string[]>? errors)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var model = new WebFormModel(PageLanguage.From(language).Code, RegionOptions.From(directories.Current))
        {
            Values = values,
            Errors = errors ?? new Dictionary<string, string[]>(),
        };
        return WebFormPage.Render(model);
    }
}
