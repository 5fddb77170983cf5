namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>data run</c>: the move, whether foreign keys are free of orphans, and each table's move.</summary>
internal sealed record DataRunDocument(string Move, bool NoOrphans, double ElapsedMs, IReadOnlyList<DataTableItem> Tables);
