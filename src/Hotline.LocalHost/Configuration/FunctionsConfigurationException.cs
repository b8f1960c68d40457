namespace Hotline.LocalHost.Configuration;

/// <summary>host.json, function.json or a setting is not usable; the message lists every problem found.</summary>
internal sealed class FunctionsConfigurationException : Exception
{
    public FunctionsConfigurationException()
    {
    }

    public FunctionsConfigurationException(string message)
        : base(message)
    {
    }

    public FunctionsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static FunctionsConfigurationException FromProblems(IReadOnlyCollection<string> problems) =>
        new(problems.Count == 1 ? problems.First() : "Configuration problems:" + Environment.NewLine + "  - " +
            string.Join(Environment.NewLine + "  - ", problems));
}
