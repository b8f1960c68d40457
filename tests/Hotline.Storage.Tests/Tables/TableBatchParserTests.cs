using Hotline.Storage.Tables;

namespace Hotline.Storage.Tests.Tables;

/// <summary>Batch answers as the reference recorded them, including Azurite's malformed ones.</summary>
public sealed class TableBatchParserTests
{
    private static readonly TableTransactionAction[] TwoAdds =
    [
        new(TableTransactionActionType.Add, new TableEntity("b", "1")),
        new(TableTransactionActionType.Delete, new TableEntity("b", "2")),
    ];

    [Fact]
    public void A_success_answer_gives_one_etag_per_action_and_none_for_deletes()
    {
        string body = """
            --batchresponse_1
            Content-Type: multipart/mixed; boundary=changesetresponse_2

            --changesetresponse_2
            Content-Type: application/http
            Content-Transfer-Encoding: binary

            HTTP/1.1 204 No Content
            Location: http://127.0.0.1/devstoreaccount1/orders(PartitionKey='b',RowKey='1')
            ETag: W/"datetime'2026-11-22T04%3A24%3A24.1Z'"

            --changesetresponse_2
            Content-Type: application/http
            Content-Transfer-Encoding: binary

            HTTP/1.1 204 No Content

            --changesetresponse_2--
            --batchresponse_1--
            """.ReplaceLineEndings("\r\n");

        IReadOnlyList<ETag?> etags = TableBatch.ParseResponse(body, TwoAdds, "orders");

        Assert.Equal([new ETag("W/\"datetime'2026-11-22T04%3A24%3A24.1Z'\""), null], etags);
    }

    [Fact]
    public void A_failure_inside_a_202_names_the_action_from_the_message_index()
    {
        string body = """
            --batchresponse_1
            Content-Type: multipart/mixed; boundary=changesetresponse_2

            --changesetresponse_2
            Content-Type: application/http
            Content-Transfer-Encoding: binary

            HTTP/1.1 409 Conflict
            Content-ID: 2
            Content-Type: application/json;odata=minimalmetadata;charset=utf-8

            {"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"1:The specified entity already exists.\nRequestId:x\nTime:y"}}}
            --changesetresponse_2--
            --batchresponse_1--
            """;

        var error = Assert.Throws<TableTransactionFailedException>(() => TableBatch.ParseResponse(body, TwoAdds, "orders"));

        Assert.Equal(1, error.FailedActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Contains("The specified entity already exists.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stray_boundary_before_the_status_line_is_tolerated_and_content_id_is_the_fallback()
    {
        string body = """
            --batchresponse_1
            Content-Type: multipart/mixed; boundary=changesetresponse_2

            --changesetresponse_2
            --changesetresponse_2
            Content-Type: application/http
            Content-Transfer-Encoding: binary

            HTTP/1.1 400 Bad Request
            Content-ID: 2
            Content-Type: application/json;odata=minimalmetadata;charset=utf-8

            {"odata.error":{"code":"InvalidInput","message":{"lang":"en-US","value":"Bad things."}}}
            --changesetresponse_2--
            --batchresponse_1--
            """;

        var error = Assert.Throws<TableTransactionFailedException>(() => TableBatch.ParseResponse(body, TwoAdds, "orders"));

        Assert.Equal(1, error.FailedActionIndex);
        Assert.Equal(StorageErrorKind.BadRequest, error.Kind);
    }

    [Fact]
    public void An_answer_with_the_wrong_number_of_parts_is_an_error()
    {
        string body = "--batchresponse_1\r\n--changesetresponse_2\r\nHTTP/1.1 204 No Content\r\n\r\n--changesetresponse_2--\r\n--batchresponse_1--\r\n";

        Assert.Throws<TableTransactionFailedException>(() => TableBatch.ParseResponse(body, TwoAdds, "orders"));
    }
}
