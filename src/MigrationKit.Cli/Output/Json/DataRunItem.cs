namespace MigrationKit.Cli.Output.Json;

/// <summary>The latest run of one move: status, batches, the key a rerun resumes from, rows and error.</summary>
internal sealed record DataRunItem(string Move, long RunId, string Status, long Batches, string? LastKey, long RowsRead, long RowsWritten, long RowsRejected, string? Error);
