using System.Text;
using Google.Protobuf;
using Hotline.LocalHost.Invocation;
using Hotline.LocalHost.Rpc;

namespace Hotline.LocalHost.Tests.Functions;

public sealed class OutputBindingWriterTests
{
    [Fact]
    public void Output_values_become_one_message_each_and_null_none()
    {
        Assert.Equal(["text"], Texts(new TypedData { String = "text" }));
        Assert.Equal(["""{"a":1}"""], Texts(new TypedData { Json = """{"a":1}""" }));
        Assert.Equal(["x", """{"b":2}"""], Texts(new TypedData { Json = """["x",{"b":2}]""" }));
        Assert.Equal(["raw"], Texts(new TypedData { Bytes = ByteString.CopyFromUtf8("raw") }));
        Assert.Equal(["m1", "m2"], Texts(new TypedData { CollectionString = new CollectionString { String = { "m1", "m2" } } }));
        Assert.Empty(Texts(new TypedData()));
        Assert.Empty(Texts(new TypedData { Json = "null" }));
        Assert.Empty(Texts(null));
    }

    private static string[] Texts(TypedData? value) => [.. OutputBindingWriter.Messages(value).Select(b => Encoding.UTF8.GetString(b))];
}
