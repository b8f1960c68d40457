using Hotline.Storage.Auth;

namespace Hotline.Storage.Tests.Auth;

/// <summary>The exact strings-to-sign from the verified reference (shared/reference/azure-storage-rest.md, section 2).</summary>
public sealed class SigningTests
{
    private const string Date = "Sun, 22 Nov 2026 04:25:03 GMT";

    [Fact]
    public void Table_shared_key_lite_signs_the_date_and_the_path_with_the_account_twice_for_path_style_urls()
    {
        string signed = TableSharedKeyLitePolicy.StringToSign("devstoreaccount1", Date, new Uri("http://127.0.0.1:20002/devstoreaccount1/orders"));

        Assert.Equal("Sun, 22 Nov 2026 04:25:03 GMT\n/devstoreaccount1/devstoreaccount1/orders", signed);
    }

    [Fact]
    public void Table_shared_key_lite_signs_the_encoded_entity_path_and_only_the_comp_parameter()
    {
        var entity = new Uri("http://127.0.0.1:20002/devstoreaccount1/orders(PartitionKey='p%201',RowKey='r')?$select=A&$filter=x%20eq%201");
        var withComp = new Uri("https://acct.table.core.windows.net/?restype=service&comp=properties");

        Assert.Equal(
            "Sun, 22 Nov 2026 04:25:03 GMT\n/devstoreaccount1/devstoreaccount1/orders(PartitionKey='p%201',RowKey='r')",
            TableSharedKeyLitePolicy.StringToSign("devstoreaccount1", Date, entity));
        Assert.Equal("Sun, 22 Nov 2026 04:25:03 GMT\n/acct/?comp=properties", TableSharedKeyLitePolicy.StringToSign("acct", Date, withComp));
    }

    [Fact]
    public void Queue_shared_key_signs_a_get_with_sorted_headers_and_query_parameters()
    {
        string signed = QueueSharedKeyPolicy.StringToSign(
            "devstoreaccount1",
            "GET",
            new Uri("http://127.0.0.1:20001/devstoreaccount1/jobs/messages?visibilitytimeout=30&numofmessages=16"),
            [("x-ms-version", "2025-11-05"), ("x-ms-date", Date), ("Accept", "application/xml")],
            contentLength: null);

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sun, 22 Nov 2026 04:25:03 GMT\nx-ms-version:2025-11-05\n" +
            "/devstoreaccount1/devstoreaccount1/jobs/messages\nnumofmessages:16\nvisibilitytimeout:30",
            signed);
    }

    [Fact]
    public void Queue_shared_key_signs_the_length_and_content_type_of_a_put()
    {
        string signed = QueueSharedKeyPolicy.StringToSign(
            "devstoreaccount1",
            "POST",
            new Uri("http://127.0.0.1:20001/devstoreaccount1/jobs/messages?messagettl=3600&visibilitytimeout=0"),
            [("Content-Type", "application/xml; charset=utf-8"), ("x-ms-date", Date), ("x-ms-version", "2025-11-05")],
            contentLength: 102);

        Assert.Equal(
            "POST\n\n\n102\n\napplication/xml; charset=utf-8\n\n\n\n\n\n\nx-ms-date:Sun, 22 Nov 2026 04:25:03 GMT\nx-ms-version:2025-11-05\n" +
            "/devstoreaccount1/devstoreaccount1/jobs/messages\nmessagettl:3600\nvisibilitytimeout:0",
            signed);
    }

    [Fact]
    public void Queue_shared_key_signs_the_pop_receipt_url_decoded_and_a_zero_length_as_empty()
    {
        string signed = QueueSharedKeyPolicy.StringToSign(
            "devstoreaccount1",
            "PUT",
            new Uri("http://127.0.0.1:20001/devstoreaccount1/jobs/messages/abc?popreceipt=AgAAAAMAAAAAAAAA%2BvQ%3D&visibilitytimeout=0"),
            [("x-ms-date", Date), ("x-ms-version", "2025-11-05")],
            contentLength: 0);

        Assert.Equal(
            "PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sun, 22 Nov 2026 04:25:03 GMT\nx-ms-version:2025-11-05\n" +
            "/devstoreaccount1/devstoreaccount1/jobs/messages/abc\npopreceipt:AgAAAAMAAAAAAAAA+vQ=\nvisibilitytimeout:0",
            signed);
    }

    [Fact]
    public void Queue_shared_key_includes_every_x_ms_header_lower_cased_and_trimmed_in_ordinal_order()
    {
        string signed = QueueSharedKeyPolicy.StringToSign(
            "acct",
            "get",
            new Uri("https://acct.queue.core.windows.net/jobs?comp=metadata"),
            [
                ("x-ms-version", "2025-11-05"),
                ("X-MS-Return-Client-Request-Id", "true"),
                ("x-ms-date", Date),
                ("x-ms-client-request-id", " 0f8fad5b-d9cb-469f-a165-70867728950e "),
                ("User-Agent", "not signed"),
                ("If-Match", "\"etag\""),
            ],
            contentLength: null);

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\"etag\"\n\n\n\n" +
            "x-ms-client-request-id:0f8fad5b-d9cb-469f-a165-70867728950e\nx-ms-date:Sun, 22 Nov 2026 04:25:03 GMT\n" +
            "x-ms-return-client-request-id:true\nx-ms-version:2025-11-05\n/acct/jobs\ncomp:metadata",
            signed);
    }

    [Fact]
    public void The_signature_is_base64_hmac_sha256_with_the_decoded_key()
    {
        var key = new StorageSharedKey("acct", Convert.ToBase64String("secret"u8.ToArray()));

        // printf 'a\nb' | openssl dgst -sha256 -hmac secret -binary | base64
        Assert.Equal("Juf12uy34E0KEYHfwG6kAR3RVtqSrdGz9KPHvRcsL6M=", key.ComputeSignature("a\nb"));
    }
}
