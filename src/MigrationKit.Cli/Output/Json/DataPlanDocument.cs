namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>data plan</c>.</summary>
internal sealed record DataPlanDocument(string Move, string Risk, long SourceRows, long RowsAlreadyMoved, double? EstimatedSeconds, IReadOnlyList<string> DeferredColumns, IReadOnlyList<DataPlanItem> Tables);
