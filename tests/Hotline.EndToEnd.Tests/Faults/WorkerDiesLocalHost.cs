using Hotline.Testing;

namespace Hotline.EndToEnd.Tests.Faults;

/// <summary>
/// The local run sending its texts through the Twilio provider to the fake Twilio server (Hotline:Sms:Twilio:ApiBaseUrl),
/// so a test can count what reached "Twilio" and what the de-duplicating ledger decided, across a worker that dies.
/// </summary>
public sealed class WorkerDiesLocalHost : LocalHostProcess, IAsyncLifetime
{
    public const string LedgerTable = "e2esmsledger";

    /// <summary>The local run's Hotline:Sms:UnknownOutcomeCheckAfter: its minimum, so the test can wait for the checks.</summary>
    public static readonly TimeSpan UnknownOutcomeCheckAfter = TimeSpan.FromMinutes(1);

    private FakeTwilioServer? _twilio;

    public FakeTwilioServer Twilio => _twilio ?? throw new InvalidOperationException("The fixture has not started.");

    public new async Task InitializeAsync()
    {
        // Before the local host: its settings name the fake's address.
        _twilio = await FakeTwilioServer.StartAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_twilio is not null)
        {
            await _twilio.DisposeAsync();
        }
    }

    protected override void AddSettings(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment["Hotline__Sms__Provider"] = "Twilio";
        environment["Hotline__Sms__PhoneHashKey"] = "e2e-phone-hash-key-0123456789";
        environment["Hotline__Sms__LedgerTable"] = LedgerTable;
        environment["Hotline__Sms__Twilio__AccountSid"] = Twilio.AccountSid;
        environment["Hotline__Sms__Twilio__AuthToken"] = Twilio.AuthToken;
        environment["Hotline__Sms__Twilio__From"] = "+8612351000000";
        environment["Hotline__Sms__Twilio__ApiBaseUrl"] = Twilio.BaseUrl.ToString();

        // A send the kill cut off leaves a claim in the ledger: it must be taken for stale (sent again if unmarked,
        // else unknown and checked) by the time the message comes back, not answered "in flight, retry in a minute".
        // The claim outlives the one call to Twilio, as the defaults do (2 min against 10 s), at a scale this run can
        // wait for; the check of a send cut off with its request out comes after the shortest settle delay allowed.
        environment["Hotline__Sms__Twilio__RequestTimeout"] = "00:00:02";
        environment["Hotline__Sms__LedgerClaimTimeout"] = "00:00:04";
        environment["Hotline__Sms__UnknownOutcomeCheckAfter"] = UnknownOutcomeCheckAfter.ToString("c", System.Globalization.CultureInfo.InvariantCulture);

        // Forty reports from one client in a minute are the test's load, not abuse.
        environment["Hotline__Intake__SubmissionsPerWindow"] = "1000";
    }
}
