using Hotline.Routing;

namespace Hotline.Tests.Routing;

public sealed class CaseRouterNotifyTests
{
    [Theory]
    [InlineData("lt-ty", "lt-ty-head:UnitHead,lt-head:ParentUnitHead,lt-contact:LinkedContact")]
    [InlineData("lt", "lt-head:UnitHead,c-head:ParentUnitHead,c-contact:LinkedContact")]
    [InlineData("lt-wq", "lt-head:UnitHead,c-head:ParentUnitHead")] // no head of its own: the nearest ancestor's head, then the one above
    [InlineData("zx", "zx-head:UnitHead,c-head:ParentUnitHead,c-contact:LinkedContact")] // c-head is also linked to zx: told once
    [InlineData("p", "p-head:UnitHead")] // a root has no parent head
    [InlineData("wy", "wy-head:UnitHead,c-head:ParentUnitHead")] // an off-duty head is still told
    public void A_major_incident_tells_the_unit_head_the_parent_head_and_linked_contacts(string unit, string expected)
    {
        var told = CaseRouter.Notify(RoutingTestDirectory.Create(), unit);

        Assert.Equal(expected, string.Join(",", told.Select(t => $"{t.Officer.Id}:{t.Reason}")));
    }

    [Fact]
    public void Notify_says_through_which_unit_each_officer_is_told()
    {
        var told = CaseRouter.Notify(RoutingTestDirectory.Create(), "lt-wq");

        Assert.Equal(["lt", "c"], told.Select(t => t.ViaUnitId));
    }
}
