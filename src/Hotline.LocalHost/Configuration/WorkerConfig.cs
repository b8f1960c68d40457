using System.Text.Json;

namespace Hotline.LocalHost.Configuration;

/// <summary>
/// worker.config.json of a dotnet-isolated build: how the host starts the worker
/// (<c>defaultExecutablePath</c> <c>arguments</c> <c>defaultWorkerPath</c> <c>workerArguments</c>).
/// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Workers/ProcessManagement/DefaultWorkerProcessFactory.cs
/// </summary>
internal sealed record WorkerConfig(string Executable, IReadOnlyList<string> Arguments, string? WorkerPath, IReadOnlyList<string> WorkerArguments, bool WorkerIndexing)
{
    public const string FileName = "worker.config.json";

    public static WorkerConfig Read(string appDirectory)
    {
        string path = Path.Combine(appDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new FunctionsConfigurationException($"{path} not found: AppDirectory must be an isolated worker's build output (dotnet build of a Microsoft.Azure.Functions.Worker.Sdk project).");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), JsonElementExtensions.DocumentOptions);
            JsonElement? description = document.RootElement.Property("description");
            string executable = description?.StringProperty("defaultExecutablePath") ?? string.Empty;
            if (string.IsNullOrWhiteSpace(executable))
            {
                throw new FunctionsConfigurationException($"{path}: description.defaultExecutablePath is required.");
            }

            string? workerPath = description?.StringProperty("defaultWorkerPath");
            return new WorkerConfig(
                executable,
                description?.StringArrayProperty("arguments") ?? [],
                string.IsNullOrWhiteSpace(workerPath) ? null : workerPath,
                description?.StringArrayProperty("workerArguments") ?? [],
                string.Equals(description?.StringProperty("workerIndexing"), "true", StringComparison.OrdinalIgnoreCase));
        }
        catch (JsonException exception)
        {
            throw new FunctionsConfigurationException($"{path}: not valid JSON ({exception.Message}).", exception);
        }
    }
}
