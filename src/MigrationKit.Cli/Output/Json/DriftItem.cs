namespace MigrationKit.Cli.Output.Json;

/// <summary>One difference: kind (missing, unexpected, changed), object kind, table, name, expected and actual, in words, and the fix SQL (empty when none can be derived).</summary>
internal sealed record DriftItem(string Kind, string ObjectKind, string? Table, string Name, string? Expected, string? Actual, string Description, IReadOnlyList<string> Fix);
