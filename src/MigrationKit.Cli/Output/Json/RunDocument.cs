namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>up</c> and <c>down</c>: what the run did.</summary>
internal sealed record RunDocument(Guid RunId, MigrationDirection Direction, long FromVersion, long ToVersion, IReadOnlyList<StepItem> Steps);
