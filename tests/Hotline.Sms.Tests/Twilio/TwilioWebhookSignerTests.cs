using Hotline.Testing;

namespace Hotline.Sms.Tests.Twilio;

/// <summary>The tests' signer against Twilio's published vectors (shared/reference/hotline-anchors.md §6.2).</summary>
public sealed class TwilioWebhookSignerTests
{
    internal const string Token = "12345";
    internal const string DocsUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";

    // twilio-csharp test/Twilio.Test/Security/RequestValidatorTest.cs
    internal static readonly KeyValuePair<string, string>[] CSharpTestParams =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+14158675309"),
        new("Digits", "1234"),
        new("From", "+14158675309"),
        new("To", "+18005551212"),
    ];

    // https://www.twilio.com/docs/usage/webhooks/webhooks-security (worked example)
    internal static readonly KeyValuePair<string, string>[] DocsParams =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+12349013030"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("To", "+18005551212"),
    ];

    [Fact]
    public void Twilio_csharp_test_vector_signs_to_RSOYDt4T() =>
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioWebhookSigner.Sign(Token, DocsUrl, CSharpTestParams));

    [Fact]
    public void Twilio_docs_example_signs_to_0KCTR6DL() =>
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioWebhookSigner.Sign(Token, DocsUrl, DocsParams));

    [Fact]
    public void Parameter_order_on_the_wire_does_not_matter_and_sorting_is_ordinal() =>
        // Culture-aware sorting would put "Caller" before "CallSid" and break the vector.
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioWebhookSigner.Sign(Token, DocsUrl, DocsParams.Reverse()));

    [Fact]
    public void Sms_shaped_webhook_vector_signs_to_3LL3BFKO() =>
        Assert.Equal("3LL3BFKOcn80artVM5inMPFpmtU=", TwilioWebhookSigner.Sign(Token, DocsUrl, SmsParams("Ahoy!")));

    [Fact]
    public void Chinese_text_is_signed_as_utf8() =>
        // Self-computed (not published), cross-checked with Python's hmac.
        Assert.Equal("D4L0XcqJP1PlIw4oLzjgFIwSy1Y=", TwilioWebhookSigner.Sign(Token, DocsUrl, SmsParams("我的工资被拖欠了三个月")));

    // twilio-csharp test/Twilio.Benchmark/Program.cs
    internal static KeyValuePair<string, string>[] SmsParams(string body) =>
    [
        new("ToCountry", "US"),
        new("ToState", "OH"),
        new("SmsMessageSid", "SMcea2a3bd6f50296f8fab60f377db03eb"),
        new("NumMedia", "0"),
        new("ToCity", "UTICA"),
        new("FromZip", "20705"),
        new("SmsSid", "SMcea2a3bd6f50296f8fab60f377db03eb"),
        new("FromState", "DC"),
        new("SmsStatus", "received"),
        new("FromCity", "BELTSVILLE"),
        new("Body", body),
        new("FromCountry", "US"),
        new("To", "+10123456789"),
        new("ToZip", "43037"),
        new("NumSegments", "1"),
        new("ReferralNumMedia", "0"),
        new("MessageSid", "SMcea2a3bd6f50296f8fab60f377db03eb"),
        new("AccountSid", "ACe718619887aac3ee5b21edafbvsdf6h7fgb"),
        new("From", "+10123456789"),
        new("ApiVersion", "2010-04-01"),
    ];
}
