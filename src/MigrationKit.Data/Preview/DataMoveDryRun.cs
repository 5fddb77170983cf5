namespace MigrationKit.Data.Preview;

/// <summary>The first rows of a move mapped as the move would write them, without writing anything. New UUIDs are examples: the move draws its own.</summary>
/// <param name="MoveName">The move.</param>
/// <param name="TargetColumns">The target columns, in the order of each row's values.</param>
/// <param name="Rows">The rows, in source key order.</param>
public sealed record DataMoveDryRun(string MoveName, IReadOnlyList<string> TargetColumns, IReadOnlyList<DataMoveDryRunRow> Rows);
