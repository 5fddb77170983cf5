namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>data validate</c>: valid or not, each table's counts and differences, orphaned foreign keys.</summary>
internal sealed record DataValidateDocument(bool Valid, IReadOnlyList<DataValidateItem> Tables, IReadOnlyList<string> Orphans);
