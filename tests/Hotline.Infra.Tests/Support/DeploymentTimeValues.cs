using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Hotline.Infra.Tests.Support;

/// <summary>
/// Evaluates what a bicep snapshot leaves as an expression because only Azure knows it at deployment time:
/// <c>reference(id, apiVersion).property</c> of a resource the template creates, inside <c>format</c> or
/// <c>concat</c>. Each such property gets the shape Azure gives it (an identity's client id, a storage
/// endpoint, a site's host name), so settings built from them can be checked like any other value.
/// </summary>
public static class DeploymentTimeValues
{
    public const string IdentityClientId = "0c1e2d3f-0000-4000-8000-00000000c11d";
    public const string IdentityPrincipalId = "0c1e2d3f-0000-4000-8000-00000000b21d";

    /// <summary><paramref name="value"/> itself, or the value of the expression it holds ("[...]").</summary>
    public static string Resolve(string value)
    {
        if (!IsExpression(value))
        {
            return value;
        }

        var parser = new Parser(value[1..^1]);
        var result = parser.ParseExpression();
        parser.End();
        return result switch
        {
            string s => s,
            JsonNode node => node.ToJsonString(),
            _ => Convert.ToString(result, CultureInfo.InvariantCulture) ?? "",
        };
    }

    /// <summary>True for an ARM template expression ("[...]", but not the "[[" escape of a literal bracket).</summary>
    public static bool IsExpression(string value) => value.StartsWith('[') && value.EndsWith(']') && !value.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>What <c>reference(resourceId)</c> returns once the resource exists.</summary>
    private static JsonObject Reference(string resourceId)
    {
        var segments = resourceId.Split('/');
        var providers = Array.LastIndexOf(segments, "providers");
        var type = $"{segments[providers + 1]}/{segments[providers + 2]}";
        var name = segments[providers + 3];
        return type switch
        {
            "Microsoft.ManagedIdentity/userAssignedIdentities" => new JsonObject { ["clientId"] = IdentityClientId, ["principalId"] = IdentityPrincipalId },
            "Microsoft.Storage/storageAccounts" => new JsonObject
            {
                ["primaryEndpoints"] = new JsonObject
                {
                    ["blob"] = $"https://{name}.blob.core.windows.net/",
                    ["queue"] = $"https://{name}.queue.core.windows.net/",
                    ["table"] = $"https://{name}.table.core.windows.net/",
                },
            },
            // Flex Consumption host names can carry a hash and a region (docs/deployment.md).
            "Microsoft.Web/sites" => new JsonObject { ["defaultHostName"] = $"{name}-h4sh.eastasia-01.azurewebsites.net" },
            "Microsoft.Insights/components" => new JsonObject
            {
                ["ConnectionString"] = "InstrumentationKey=00000000-0000-4000-8000-00000000a1a1;IngestionEndpoint=https://eastasia-0.in.applicationinsights.azure.com/",
            },
            _ => throw new NotSupportedException($"No deployment-time values for {type} ({resourceId}); add them to {nameof(DeploymentTimeValues)}."),
        };
    }

    private static object Call(string function, List<object> arguments) => function switch
    {
        "reference" => Reference((string)arguments[0]),
        "format" => string.Format(CultureInfo.InvariantCulture, (string)arguments[0], [.. arguments.Skip(1).Select(Text)]),
        "concat" => string.Concat(arguments.Select(Text)),
        _ => throw new NotSupportedException($"The ARM function {function}() is not evaluated here; add it to {nameof(DeploymentTimeValues)}."),
    };

    private static string Text(object value) => value switch
    {
        string s => s,
        JsonValue v => v.ToString(),
        JsonNode n => n.ToJsonString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Recursive descent over the ARM expression grammar: calls, 'strings', numbers, .property and [index].</summary>
    private sealed class Parser(string text)
    {
        private int _at;

        public object ParseExpression()
        {
            SkipSpace();
            object value;
            if (Peek() == '\'')
            {
                value = ParseString();
            }
            else if (char.IsAsciiDigit(Peek()) || Peek() == '-')
            {
                var start = _at++;
                while (_at < text.Length && char.IsAsciiDigit(text[_at]))
                {
                    _at++;
                }

                value = long.Parse(text[start.._at], CultureInfo.InvariantCulture);
            }
            else
            {
                var name = ParseName();
                Expect('(');
                var arguments = new List<object>();
                SkipSpace();
                if (Peek() != ')')
                {
                    do
                    {
                        arguments.Add(ParseExpression());
                        SkipSpace();
                    }
                    while (TryTake(','));
                }

                Expect(')');
                value = Call(name, arguments);
            }

            while (true)
            {
                SkipSpace();
                if (TryTake('.'))
                {
                    var property = ParseName();
                    value = ((JsonNode)value)[property] ?? throw new InvalidOperationException($"No property '{property}' in {Text(value)} ({text}).");
                }
                else if (TryTake('['))
                {
                    var index = ParseExpression();
                    Expect(']');
                    value = index is string key ? ((JsonNode)value)[key]! : ((JsonNode)value)[(int)(long)index]!;
                }
                else
                {
                    return value is JsonValue json && json.TryGetValue<string>(out var s) ? s : value;
                }
            }
        }

        public void End()
        {
            SkipSpace();
            if (_at != text.Length)
            {
                throw new FormatException($"Unexpected '{text[_at..]}' in [{text}].");
            }
        }

        private string ParseString()
        {
            Expect('\'');
            var result = new StringBuilder();
            while (true)
            {
                if (_at >= text.Length)
                {
                    throw new FormatException($"Unterminated string in [{text}].");
                }

                var c = text[_at++];
                if (c == '\'')
                {
                    if (Peek() != '\'')
                    {
                        return result.ToString();
                    }

                    _at++;
                }

                result.Append(c);
            }
        }

        private string ParseName()
        {
            SkipSpace();
            var start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw new FormatException($"Expected a name at {_at} in [{text}].");
        }

        private char Peek() => _at < text.Length ? text[_at] : '\0';

        private bool TryTake(char c)
        {
            SkipSpace();
            if (Peek() != c)
            {
                return false;
            }

            _at++;
            return true;
        }

        private void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw new FormatException($"Expected '{c}' at {_at} in [{text}].");
            }
        }

        private void SkipSpace()
        {
            while (_at < text.Length && text[_at] == ' ')
            {
                _at++;
            }
        }
    }
}
