using System.Text;
using Hotline.Sms.Templates;

namespace Hotline.Sms.Tests.Templates;

public sealed class SmsTemplateCatalogTests
{
    public static TheoryData<string, string[]> RequiredTemplates => new()
    {
        { "case-received", ["ticketId", "trackingCode", "statusUrl"] },
        { "case-merged", ["ticketId"] },
        { "officer-task", ["ticketId", "category", "place", "summary", "dueAt"] },
        { "ack-reminder", ["ticketId", "dueAt", "stage"] },
        { "case-assigned", ["ticketId", "unitName"] },
        { "case-resolved", ["ticketId", "note"] },
        { "help", [] },
        { "opt-out-confirmed", [] },
        { "opt-in-confirmed", [] },
        { "status-reply", ["ticketId", "status"] },
    };

    [Theory]
    [MemberData(nameof(RequiredTemplates))]
    public void The_catalogue_has_every_required_template_with_its_parameters(string name, string[] parameters)
    {
        var template = SmsTemplateCatalog.Default.Get(name);
        Assert.Equal(parameters, template.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Every_template_is_written_in_chinese_and_english_with_the_hotline_signature()
    {
        foreach (var template in SmsTemplateCatalog.Default.Templates)
        {
            Assert.StartsWith("【12351职工服务热线】", template.Texts[SmsLanguage.Chinese], StringComparison.Ordinal);
            Assert.StartsWith("[12351 Workers' Hotline]", template.Texts[SmsLanguage.English], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void English_templates_stay_in_gsm7_so_they_cost_less_than_half()
    {
        foreach (var template in SmsTemplateCatalog.Default.Templates)
        {
            Assert.True(SmsSegments.IsGsm7(template.Texts[SmsLanguage.English]), template.Name);
        }
    }

    [Fact]
    public void Only_free_text_parameters_are_shortenable()
    {
        var shortenable = SmsTemplateCatalog.Default.Templates.SelectMany(t => t.Parameters).Where(p => p.Shortenable).Select(p => p.Name).ToHashSet();
        Assert.Subset(new HashSet<string> { "summary", "note", "unitName", "place", "officerName", "items" }, shortenable);
        Assert.DoesNotContain("ticketId", shortenable);
    }

    [Fact]
    public void A_placeholder_that_is_not_declared_is_refused_at_load() =>
        AssertLoadFails("""{"templates":{"t":{"parameters":[],"text":{"zh-CN":"工单{ticketId}","en":"Ticket {ticketId}"}}}}""");

    [Fact]
    public void A_declared_parameter_that_a_language_does_not_use_is_refused_at_load() =>
        AssertLoadFails("""{"templates":{"t":{"parameters":[{"name":"ticketId"}],"text":{"zh-CN":"工单{ticketId}","en":"Ticket"}}}}""");

    [Fact]
    public void A_template_without_english_is_refused_at_load() =>
        AssertLoadFails("""{"templates":{"t":{"parameters":[],"text":{"zh-CN":"您好"}}}}""");

    [Fact]
    public void An_unknown_lookup_is_refused_at_load() =>
        AssertLoadFails("""{"templates":{"t":{"parameters":[{"name":"s","lookup":"nope"}],"text":{"zh-CN":"{s}","en":"{s}"}}}}""");

    [Fact]
    public void A_stray_brace_is_refused_at_load() =>
        AssertLoadFails("""{"templates":{"t":{"parameters":[],"text":{"zh-CN":"a}","en":"b"}}}}""");

    [Fact]
    public void Unknown_template_names_are_an_error() =>
        Assert.Throws<SmsCompositionException>(() => SmsTemplateCatalog.Default.Get("no-such-template"));

    private static void AssertLoadFails(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        Assert.Throws<SmsCompositionException>(() => SmsTemplateCatalog.Load(stream));
    }
}
