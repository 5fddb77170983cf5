namespace MigrationKit.Cli.Output.Json;

/// <summary>One table of <c>data plan</c>.</summary>
internal sealed record DataPlanItem(string Move, string Risk, long SourceRows, long RowsAlreadyMoved, long Batches, double? EstimatedSeconds, IReadOnlyList<string> Reasons);
