using Hotline.Intake.WebForm;
using Hotline.Routing;
using Hotline.Routing.Directory;

namespace Hotline.Intake;

/// <summary>Renders the web form with the places of the directory in use and the limits the intake enforces.</summary>
public static class WebFormPages
{
    public static string RenderForm(string? language, UnionDirectory directory, IntakeOptions options, SubmissionFields? values, IReadOnlyDictionary<string, string[]>? errors)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        var model = new WebFormModel(PageLanguage.From(language).Code, RegionOptions.From(directory))
        {
            Values = values,
            Errors = errors ?? new Dictionary<string, string[]>(),
            DescriptionMaxLength = options.MaxDescriptionLength,
        };
        return WebFormPage.Render(model);
    }
}
