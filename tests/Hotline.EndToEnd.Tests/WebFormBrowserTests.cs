using System.Diagnostics;
using Hotline.Testing;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The caller's web form in headless Chromium (Debian's package), driven by playwright-core through node's test
/// runner against the local run: tests/browser/web-form.test.mjs.
/// </summary>
public sealed class WebFormBrowserTests(LocalHostProcess host) : IClassFixture<LocalHostProcess>
{
    [Fact]
    public async Task The_form_works_in_a_phone_browser_in_both_languages_with_keyboard_only()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is not installed: run scripts/install-chromium.sh (./test.sh does).");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { "--test", "--test-reporter=tap", Path.Combine("tests", "browser", "web-form.test.mjs") },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["BASE_URL"] = host.BaseAddress.ToString();
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));

        var text = await output + await errors;
        Assert.True(node.ExitCode == 0, text);
        Assert.Contains("# pass 5", text, StringComparison.Ordinal);
        Assert.Contains("# fail 0", text, StringComparison.Ordinal);
    }
}
