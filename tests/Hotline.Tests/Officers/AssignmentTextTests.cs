using Hotline.Testing;

namespace Hotline.Tests.Officers;

public sealed class AssignmentTextTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly OfficerTestHost _host = new(azurite);

    [Fact]
    public async Task Routing_tells_the_caller_the_unit_once_and_never_the_officers_phone()
    {
        var routed = await _host.NewRoutedCaseAsync();
        await _host.RouteAsync(routed.TicketId);

        // Both runs queue the text under one key; SendSms sends a key once.
        var texts = await _host.TextsAsync("case-assigned");
        Assert.Single(texts.Select(t => t.GetProperty("messageKey").GetString()).Distinct());
        var text = texts[0];
        Assert.Equal($"{routed.TicketId}:case-assigned:east", text.GetProperty("messageKey").GetString());
        Assert.Equal(routed.Phone, text.GetProperty("to").GetString());
        Assert.Equal("zh-CN", text.GetProperty("language").GetString());
        var args = text.GetProperty("args");
        Assert.Equal(routed.TicketId, args.GetProperty("ticketId").GetString());
        Assert.Equal("东县总工会", args.GetProperty("unitName").GetString());
        Assert.DoesNotContain("+86139000090", text.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_without_a_phone_gets_no_caller_text()
    {
        await _host.NewRoutedCaseAsync(phone: null);

        Assert.Empty(await _host.TextsAsync("case-assigned"));
    }

    [Fact]
    public async Task Routing_puts_the_case_on_the_officers_task_list()
    {
        var routed = await _host.NewRoutedCaseAsync();

        var cases = await _host.Service<Hotline.Officers.OfficerTaskIndex>().GetOpenCasesAsync(routed.OfficerId!, default);

        Assert.Equal([routed.TicketId], cases.Select(c => c.TicketId));
    }

    public void Dispose() => _host.Dispose();
}
