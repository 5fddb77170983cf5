namespace MigrationKit.Cli.Output.Json;

/// <summary>One table's move in <c>data run</c>: name (<c>{move}.{table}</c>), status, batches and rows.</summary>
internal sealed record DataTableItem(string Move, string Status, long Batches, long RowsRead, long RowsWritten, long RowsRejected);
