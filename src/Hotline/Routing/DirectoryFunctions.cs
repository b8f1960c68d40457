using System.Text;
using System.Text.Json;
using Hotline.Hosting;
using Hotline.Routing.Directory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.Routing;

/// <summary>The ReplaceDirectory (admin) and GetRegions (form) functions.</summary>
public sealed class DirectoryFunctions(DirectoryProvider directories)
{
    /// <summary>Directories are large but not unbounded: the store keeps up to 3 million characters.</summary>
    private const int MaxDocumentBytes = 4 * 1024 * 1024;

    public sealed record DirectoryReplaced(long Version, int Units, int Officers, int Rules, IReadOnlyList<string> Warnings);

    public sealed record RegionNode(string Code, string Name, IReadOnlyList<RegionNode> Children);

    [Function(nameof(ReplaceDirectory))]
    public async Task<IResult> ReplaceDirectory(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "api/admin/directory")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the directory as application/json.");
        }

        if (await BoundedBody.ReadAsync(request, MaxDocumentBytes, cancellationToken) is not { } body)
        {
            return TooLarge();
        }

        var json = Encoding.UTF8.GetString(body);
        DirectoryDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, DirectoryJsonContext.Default.DirectoryDocument);
        }
        catch (JsonException e)
        {
            // The path tells the admin where the document stops making sense ("$.officers[3].onDuty").
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The directory is not valid JSON of the expected shape.", detail: $"{e.Path}: {e.Message}");
        }

        if (document is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The directory document is empty.");
        }

        if (!UnionDirectory.TryCreate(document, out var directory, out var problems))
        {
            var errors = problems.Where(p => p.IsError)
                .GroupBy(p => p.Path)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            return TypedResults.ValidationProblem(errors, title: "The directory has problems; nothing was changed.");
        }

        if (json.Length > DirectoryStore.MaxDocumentChars)
        {
            return TooLarge();
        }

        DirectoryStore.StoredVersion pointer;
        try
        {
            pointer = await directories.ReplaceAsync(directory, json, cancellationToken);
        }
        catch (DirectoryStore.ConcurrentSaveException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another directory was saved at the same time.", detail: "Nothing was changed by this request; check the directory in use and send it again.");
        }

        return TypedResults.Ok(new DirectoryReplaced(
            pointer.Version, directory.Units.Count, directory.Officers.Count, directory.Rules.Count,
            problems.Where(p => !p.IsError).Select(p => p.ToString()).ToList()));
    }

    [Function(nameof(GetRegions))]
    public async Task<Ok<IReadOnlyList<RegionNode>>> GetRegions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/regions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var directory = await directories.GetAsync(cancellationToken);
        var options = RegionOptions.From(directory);

        // RegionOptions lists places in tree order with depths; fold that back into a tree.
        var top = new List<RegionNodeBuilder>();
        var path = new List<RegionNodeBuilder>();
        foreach (var option in options)
        {
            var node = new RegionNodeBuilder(option.Code, option.Name);
            while (path.Count > option.Depth)
            {
                path.RemoveAt(path.Count - 1);
            }

            (path.Count == 0 ? top : path[^1].Children).Add(node);
            path.Add(node);
        }

        return TypedResults.Ok<IReadOnlyList<RegionNode>>(top.Select(n => n.Build()).ToList());
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Directory too large", detail: $"The document may be at most {MaxDocumentBytes} bytes.");

    private sealed class RegionNodeBuilder(string code, string name)
    {
        public List<RegionNodeBuilder> Children { get; } = [];

        public RegionNode Build() => new(code, name, Children.Select(c => c.Build()).ToList());
    }
}
