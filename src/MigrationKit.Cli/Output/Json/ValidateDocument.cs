namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>validate</c>: whether history and code agree, and every disagreement.</summary>
internal sealed record ValidateDocument(bool Valid, long CurrentVersion, IReadOnlyList<StatusItem> Problems);
