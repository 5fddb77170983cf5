namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>new</c>: the version chosen and the files written.</summary>
internal sealed record NewDocument(long Version, string Description, IReadOnlyList<string> Files);
