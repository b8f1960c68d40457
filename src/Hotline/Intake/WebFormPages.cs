using Hotline.Intake.WebForm;
using Hotline.Routing;
using Hotline.Routing.Directory;

namespace Hotline.Intake;

/// <summary>Renders the web form with the places of the directory in use.</summary>
public static class WebFormPages
{
    public static string RenderForm(string? language, UnionDirectory directory, SubmissionFields? values, IReadOnlyDictionary<string, string[]>? errors)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var model = new WebFormModel(PageLanguage.From(language).Code, RegionOptions.From(directory))
        {
            Values = values,
            Errors = errors ?? new Dictionary<string, string[]>(),
        };
        return WebFormPage.Render(model);
    }
}
