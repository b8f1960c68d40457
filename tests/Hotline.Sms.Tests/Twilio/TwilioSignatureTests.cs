using Hotline.Sms.Twilio;

namespace Hotline.Sms.Tests.Twilio;

/// <summary>Vectors from shared/reference/hotline-anchors.md §6.2 and azure-storage-rest.md §12.</summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string DocsUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";

    // twilio-csharp test/Twilio.Test/Security/RequestValidatorTest.cs
    private static readonly KeyValuePair<string, string>[] CSharpTestParams =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+14158675309"),
        new("Digits", "1234"),
        new("From", "+14158675309"),
        new("To", "+18005551212"),
    ];

    // https://www.twilio.com/docs/usage/webhooks/webhooks-security (worked example)
    private static readonly KeyValuePair<string, string>[] DocsParams =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+12349013030"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("To", "+18005551212"),
    ];

    [Fact]
    public void Twilio_csharp_test_vector_signs_to_RSOYDt4T()
    {
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Compute(Token, DocsUrl, CSharpTestParams));
        Assert.True(TwilioSignature.Matches(Token, DocsUrl, CSharpTestParams, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void Twilio_csharp_negative_vector_is_rejected() =>
        Assert.False(TwilioSignature.Matches(Token, DocsUrl, CSharpTestParams, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8="));

    [Fact]
    public void Twilio_docs_example_signs_to_0KCTR6DL()
    {
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.Compute(Token, DocsUrl, DocsParams));
        Assert.True(TwilioSignature.Matches(Token, DocsUrl, DocsParams, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    }

    [Fact]
    public void Parameter_order_on_the_wire_does_not_matter_and_sorting_is_ordinal()
    {
        // Culture-aware sorting would put "Caller" before "CallSid" and break the vector.
        var shuffled = DocsParams.Reverse().ToArray();
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.Compute(Token, DocsUrl, shuffled));
    }

    [Fact]
    public void Sms_shaped_webhook_vector_signs_to_3LL3BFKO() =>
        Assert.True(TwilioSignature.Matches(Token, DocsUrl, SmsParams("Ahoy!"), "3LL3BFKOcn80artVM5inMPFpmtU="));

    [Fact]
    public void Sms_vector_with_a_non_default_port_validates_through_the_url_without_the_port()
    {
        const string url = "HTTP://MyCompany.com:8080/myapp.php?foo=1&bar=2";
        Assert.NotEqual("eYYN9fMlxrQMXOsr7bIzoPTrbxA=", TwilioSignature.Compute(Token, url, SmsParams("Ahoy!")));
        Assert.Equal("eYYN9fMlxrQMXOsr7bIzoPTrbxA=", TwilioSignature.Compute(Token, "HTTP://MyCompany.com/myapp.php?foo=1&bar=2", SmsParams("Ahoy!")));
        Assert.True(TwilioSignature.Matches(Token, url, SmsParams("Ahoy!"), "eYYN9fMlxrQMXOsr7bIzoPTrbxA="));
    }

    [Fact]
    public void Chinese_body_is_signed_over_its_utf8_bytes() =>
        Assert.True(TwilioSignature.Matches(Token, DocsUrl, SmsParams("我的工资被拖欠了三个月"), "D4L0XcqJP1PlIw4oLzjgFIwSy1Y="));

    [Fact]
    public void A_signature_over_the_url_without_port_matches_a_request_seen_with_the_default_port_and_back()
    {
        const string withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        Assert.True(TwilioSignature.Matches(Token, withPort, DocsParams, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));

        var signedWithPort = TwilioSignature.Compute(Token, withPort, DocsParams);
        Assert.Equal("EpDEmp1PyjDYp77YxYU3GILBWzE=", signedWithPort);
        Assert.True(TwilioSignature.Matches(Token, DocsUrl, DocsParams, signedWithPort));
    }

    [Fact]
    public void Repeated_keys_sign_each_distinct_value_once_in_ordinal_order()
    {
        KeyValuePair<string, string>[] form = [new("MediaUrl", "b"), new("MediaUrl", "a"), new("MediaUrl", "b"), new("Body", "x")];
        Assert.Equal("ShRkz0ZdeAbeOPicl+PzwDUuZcM=", TwilioSignature.Compute(Token, "https://example.com/hook", form));
        Assert.Equal(
            TwilioSignature.Compute(Token, "https://example.com/hook", [new("Body", "x"), new("MediaUrl", "a"), new("MediaUrl", "b")]),
            TwilioSignature.Compute(Token, "https://example.com/hook", form));
    }

    [Fact]
    public void Empty_values_and_no_parameters_are_signed()
    {
        Assert.NotEqual(TwilioSignature.Compute(Token, DocsUrl, null), TwilioSignature.Compute(Token, DocsUrl, [new("Body", string.Empty)]));
        Assert.Equal(TwilioSignature.Compute(Token, DocsUrl, null), TwilioSignature.Compute(Token, DocsUrl, []));
    }

    [Fact]
    public void A_wrong_token_is_rejected() =>
        Assert.False(TwilioSignature.Matches("54321", DocsUrl, DocsParams, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));

    [Fact]
    public void A_tampered_parameter_is_rejected() =>
        Assert.False(TwilioSignature.Matches(Token, DocsUrl, DocsParams.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "9999") : p), "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));

    [Fact]
    public void An_added_parameter_is_rejected() =>
        Assert.False(TwilioSignature.Matches(Token, DocsUrl, [.. DocsParams, new("Body", "STOP")], "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=3")]
    [InlineData("https://mycompany.com/myapp.php?bar=2&foo=1")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php")]
    [InlineData("https://evil.example/myapp.php?foo=1&bar=2")]
    public void Another_url_is_rejected(string url) =>
        Assert.False(TwilioSignature.Matches(Token, url, DocsParams, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));

    [Fact]
    public void The_query_is_signed_as_sent_not_decoded()
    {
        var signature = TwilioSignature.Compute(Token, "https://example.com/api/sms/inbound?tenant=a%20b", DocsParams);
        Assert.False(TwilioSignature.Matches(Token, "https://example.com/api/sms/inbound?tenant=a b", DocsParams, signature));
        Assert.True(TwilioSignature.Matches(Token, "https://example.com/api/sms/inbound?tenant=a%20b", DocsParams, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ")]
    [InlineData("0/kctr6dlpkmkaf8muzzqo1ndgq=")]
    public void Missing_truncated_or_recased_signatures_are_rejected(string? signature) =>
        Assert.False(TwilioSignature.Matches(Token, DocsUrl, DocsParams, signature));

    [Fact]
    public void No_token_validates_nothing() =>
        Assert.False(TwilioSignature.Matches(string.Empty, DocsUrl, DocsParams, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));

    [Theory]
    [InlineData("https://a.example/x?y=1", "https://a.example/x?y=1|https://a.example:443/x?y=1")]
    [InlineData("http://a.example", "http://a.example|http://a.example:80")]
    [InlineData("https://a.example:8443/x", "https://a.example:8443/x|https://a.example/x")]
    [InlineData("https://user:pw@a.example:8443/x", "https://user:pw@a.example:8443/x|https://user:pw@a.example/x")]
    [InlineData("https://[::1]:8443/x", "https://[::1]:8443/x|https://[::1]/x")]
    [InlineData("https://[::1]/x", "https://[::1]/x|https://[::1]:443/x")]
    [InlineData("not a url", "not a url")]
    public void Url_variants_add_or_remove_the_port_without_touching_the_rest(string url, string expected) =>
        Assert.Equal(expected.Split('|'), TwilioSignature.UrlVariants(url));

    // twilio-csharp test/Twilio.Benchmark/Program.cs
    private static KeyValuePair<string, string>[] SmsParams(string body) =>
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
