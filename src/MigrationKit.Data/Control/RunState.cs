namespace MigrationKit.Data.Control;

/// <summary>The counters of a move's latest run, as committed with its last batch.</summary>
internal sealed record RunState(long RunId, string Status, long Batches, string? LastKey, long RowsRead, long RowsWritten, long RowsRejected, long Checksum);
