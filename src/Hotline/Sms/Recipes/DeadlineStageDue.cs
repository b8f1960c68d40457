using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Routing;
using Hotline.Routing.Directory;

namespace Hotline.Sms.Recipes;

/// <summary>A stage of a case's window falling due (催办 / 督办).</summary>
/// <param name="Stage">The percentage of the window (<see cref="DeadlineStages"/>).</param>
/// <param name="DueAt">The window's due time; a stage of another due time (the window started again) is another text.</param>
/// <param name="Officer">The case's officer, when the directory still has them.</param>
/// <param name="Told">Who hears of the case's unit as for a major incident (<see cref="CaseRouter.Notify"/>): its head, the parent's head, linked contacts.</param>
public sealed record DeadlineStageDue(CaseRecord Case, DeadlineWindow Window, int Stage, DateTimeOffset DueAt, UnionOfficer? Officer, IReadOnlyList<NotifiedOfficer> Told);
