namespace Hotline.Classification;

/// <summary>A number of affected workers read from a text, with the words it was read from.</summary>
internal sealed record WorkerCountMention(int Count, string Evidence);
