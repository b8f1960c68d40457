using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Bulletin;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Routing;
using Hotline.Routing.Directory;
using Hotline.Sms;
using Hotline.Sms.Recipes;
using Hotline.Sms.Templates;
using Hotline.Tests.FollowUp;

namespace Hotline.Tests.Sms;

/// <summary>
/// The catalogue of notification recipes against the template catalogue and the key rule: every recipe's template
/// exists and gets exactly its placeholders in both languages, every text renders, the same facts make the same key,
/// and no two different texts (recipe, unit, revision, stage, due time, round, recipient, day) share one.
/// </summary>
public sealed partial class SmsRecipesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static readonly UnionDirectory Directory =
        UnionDirectory.Create(JsonSerializer.Deserialize(DeadlineTestDirectory.Json, DirectoryJsonContext.Default.DirectoryDocument)!);

    [Fact]
    public void Every_recipe_fills_exactly_the_placeholders_of_its_template_in_both_languages()
    {
        Assert.NotEmpty(SmsRecipes.All);
        foreach (var recipe in SmsRecipes.All)
        {
            Assert.True(SmsTemplateCatalog.Default.TryGet(recipe.Template, out var template), $"{recipe.Name}: no template '{recipe.Template}' in templates.json");
            Assert.Equal(recipe.Parameters.Count, recipe.Parameters.Distinct(StringComparer.Ordinal).Count());
            foreach (var language in SmsLanguage.All)
            {
                var placeholders = Placeholder().Matches(template.Texts[language]).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);
                Assert.True(
                    placeholders.Order(StringComparer.Ordinal).SequenceEqual(recipe.Parameters.Order(StringComparer.Ordinal)),
                    $"{recipe.Name} ({language}) gives {string.Join(", ", recipe.Parameters)}; the template uses {string.Join(", ", placeholders)}");
            }

            // The audience written down for filing the template is the one the recipe's language rule assumes.
            Assert.Equal(recipe.Audience == SmsAudience.Caller, template.Audience == "caller");
        }
    }

    [Fact]
    public void Recipe_names_are_distinct_and_never_a_ticket_id_so_keys_of_two_recipes_never_meet()
    {
        Assert.Equal(SmsRecipes.All.Count, SmsRecipes.All.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(SmsRecipes.All, r => Assert.Null(TicketId.Normalize(r.Name)));
        Assert.Equal(SmsRecipes.All.Count(r => r is SmsRecipe<DeadlineStageDue>), SmsRecipes.Deadline.Count);
    }

    [Fact]
    public void The_key_rule_escapes_its_separator_so_different_parts_never_make_the_same_key()
    {
        string[][] parts = [[], ["a"], ["a", "b"], ["a:b"], ["a%3Ab"], ["a", ""], ["", "a"], ["a", "b", ""]];
        var keys = parts.Select(p => SmsRecipe.MessageKey("K7M3QX2P", "case-assigned", p))
            .Concat(parts.Select(p => SmsRecipe.MessageKey(null, "case-assigned", p)))
            .Append(SmsRecipe.MessageKey("K7M3QX2P", "case-assigned:a", []))
            .ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("K7M3QX2P:case-assigned:east", SmsRecipe.MessageKey("K7M3QX2P", "case-assigned", ["east"]));
        Assert.Equal("daily-bulletin:east:2026-11-24:east-head", SmsRecipe.MessageKey(null, "daily-bulletin", ["east", "2026-11-24", "east-head"]));
    }

    [Fact]
    public void The_same_facts_make_the_same_keys_and_every_other_round_stage_recipient_or_recipe_another()
    {
        var first = Samples().ToList();
        var again = Samples().ToList();
        Assert.Equal(first.Select(s => s.MessageKey), again.Select(s => s.MessageKey));

        // Every recipe is exercised, and between them no two texts share a key.
        Assert.Equal(SmsRecipes.All.Select(r => r.Template).Order(StringComparer.Ordinal), first.Select(s => s.Template).Distinct().Order(StringComparer.Ordinal));
        var shared = first.GroupBy(s => s.MessageKey, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(shared.Count == 0, "Keys made twice: " + string.Join(", ", shared));
    }

    [Fact]
    public void A_merge_text_is_one_per_case_and_china_day_and_a_routing_run_again_makes_the_same_task()
    {
        var morning = SmsRecipes.CaseMerged.Requests(new MergedReport("K7M3QX2P", "+8613900001234", "en", At)).Single();
        var evening = SmsRecipes.CaseMerged.Requests(new MergedReport("K7M3QX2P", "+8613900005678", "en", At.AddHours(13))).Single();
        var nextDay = SmsRecipes.CaseMerged.Requests(new MergedReport("K7M3QX2P", "+8613900001234", "en", At.AddHours(22))).Single();
        Assert.Equal(morning.MessageKey, evening.MessageKey);
        Assert.NotEqual(morning.MessageKey, nextDay.MessageKey);
        Assert.Equal(("en", "+8613900005678"), (evening.Language, evening.To));

        var task = SmsRecipes.OfficerTask.Requests(new CaseTask(Case(), Directory, AssignmentRound.Routed)).Single();
        var rerun = SmsRecipes.OfficerTask.Requests(new CaseTask(Case() with { Revision = 9 }, Directory, AssignmentRound.Routed)).Single();
        Assert.Equal(task.MessageKey, rerun.MessageKey);
        Assert.Equal(("zh-CN", "+8613900009012"), (task.Language, task.To));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Every_sample_text_renders_within_the_segment_budget(string language)
    {
        var composer = new SmsComposer(SmsTemplateCatalog.Default);
        Assert.All(Samples(), s => Assert.InRange(composer.Compose(s.Template, language, s.Args).Segments, 1, SmsComposer.DefaultSegmentBudget));
    }

    /// <summary>Texts of every recipe, each from facts that differ in one thing a key must tell apart.</summary>
    private static IEnumerable<SmsRequest> Samples()
    {
        var assigned = Case();
        var acknowledged = assigned with { Status = CaseStatus.Acknowledged, AcknowledgedAt = At.AddHours(1) };
        var resolved = assigned with { Status = CaseStatus.Resolved, ResolvedAt = At.AddDays(2), Revision = 5 };
        var told = CaseRouter.Notify(Directory, "east");
        var officer = Directory.FindOfficer("east-h1");
        var dueAt = assigned.AcknowledgementDueAt!.Value;

        var texts = new List<IReadOnlyList<SmsRequest>>
        {
            SmsRecipes.CaseReceived.Requests(new ReceivedCase(assigned, "483920", "https://hotline.example/status/K7M3QX2P")),
            SmsRecipes.CaseMerged.Requests(new MergedReport(assigned.TicketId, assigned.Phone!, "zh-CN", At)),
            SmsRecipes.CaseMerged.Requests(new MergedReport(assigned.TicketId, assigned.Phone!, "zh-CN", At.AddDays(1))),
            SmsRecipes.CaseAssigned.Requests(assigned),
            SmsRecipes.CaseAssigned.Requests(acknowledged with { UnitId = "city", UnitName = "测试市总工会" }),
            SmsRecipes.CaseResolved.Requests(new ResolvedCase(resolved, "已协调发放\n两个月工资")),
            SmsRecipes.CaseResolved.Requests(new ResolvedCase(resolved with { Revision = 8 }, "已办结")),
            SmsRecipes.CallbackSurvey.Requests(resolved),
            SmsRecipes.CallbackSurvey.Requests(resolved with { ResolvedAt = At.AddDays(9) }),
            SmsRecipes.MajorIncident.Requests(new CaseAlert(assigned with { Priority = CasePriority.MajorIncident }, Directory)),
            SmsRecipes.CaseReopened.Requests(new ReopenedCase(assigned with { ReopenCount = 1, Rating = 2 }, Directory, "city")),
            SmsRecipes.CaseReopened.Requests(new ReopenedCase(assigned with { ReopenCount = 2, Rating = 1 }, Directory, null)),
            SmsRecipes.DailyBulletin.Requests(new UnitBulletinDay(Directory.GetUnit("east"), [.. Directory.HeadsOf("east")], "2026-11-24", At.AddDays(1), new UnitBulletin(3, 12, 2, 4, 5, 4))),
            SmsRecipes.DailyBulletin.Requests(new UnitBulletinDay(Directory.GetUnit("east"), [.. Directory.HeadsOf("east")], "2026-11-25", At.AddDays(2), new UnitBulletin(0, 0, 0, 0, 0, 0))),
            SmsRecipes.DailyBulletin.Requests(new UnitBulletinDay(Directory.GetUnit("city"), [.. Directory.HeadsOf("city")], "2026-11-24", At.AddDays(1), new UnitBulletin(1, 1, 1, 1, 1, 1))),
        };

        AssignmentRound[] rounds = [AssignmentRound.Routed, AssignmentRound.Transfer(4), AssignmentRound.Transfer(6), AssignmentRound.Reopen(1), AssignmentRound.Reopen(2)];
        texts.AddRange(rounds.Select(r => SmsRecipes.OfficerTask.Requests(new CaseTask(assigned, Directory, r))));
        texts.Add(SmsRecipes.OfficerTask.Requests(new CaseTask(assigned with { OfficerId = "east-h2" }, Directory, AssignmentRound.Routed)));
        texts.Add(SmsRecipes.OfficerTask.Requests(new CaseTask(assigned with { OfficerId = null }, Directory, AssignmentRound.Transfer(7))));

        foreach (var window in new[] { DeadlineWindow.Acknowledgement, DeadlineWindow.Resolution })
        {
            foreach (var due in new[] { dueAt, dueAt.AddHours(3) })
            {
                foreach (var stage in DeadlineStages.All)
                {
                    var facts = new DeadlineStageDue(window == DeadlineWindow.Acknowledgement ? assigned : acknowledged, window, stage, due, officer, told);
                    texts.AddRange(SmsRecipes.Deadline.Select(r => r.Requests(facts)));
                }
            }
        }

        return texts.SelectMany(t => t);
    }

    private static CaseRecord Case() => new()
    {
        TicketId = "K7M3QX2P",
        TrackingCodeHash = "-",
        Status = CaseStatus.Assigned,
        Channel = "api",
        Description = "厂里拖欠两个月工资",
        Language = "zh-CN",
        ReceivedAt = At,
        Phone = "+8613900001234",
        Region = "650102",
        Category = CaseCategory.WageArrears,
        UnitId = "east",
        UnitName = "东县总工会",
        OfficerId = "east-h1",
        AssignedAt = At,
        AcknowledgementDueAt = At.AddHours(4),
        ResolutionDueAt = At.AddDays(7),
        Revision = 3,
    };

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
