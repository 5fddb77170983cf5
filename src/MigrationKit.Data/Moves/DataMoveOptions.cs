namespace MigrationKit.Data.Moves;

/// <summary>Settings of a <see cref="DataMover"/>: where the control tables live and how much is buffered.</summary>
public sealed class DataMoveOptions
{
    /// <summary>The run/progress table in each target (one row per move per run; optionally <c>schema.table</c>).</summary>
    public string RunsTable { get; set; } = "__migrationkit_data_runs";

    /// <summary>The id-map table in each target (move, source key, target key; optionally <c>schema.table</c>).</summary>
    public string IdMapTable { get; set; } = "__migrationkit_data_idmap";

    /// <summary>The rejects table in each target (move, source key, run, the source row's values as JSON, reason; optionally <c>schema.table</c>).</summary>
    public string RejectsTable { get; set; } = "__migrationkit_data_rejects";

    /// <summary>
    /// Batches read ahead of the writer (and as many again already converted, when conversion needs no look-up in the
    /// target); with the batch size it bounds the memory a move uses. 2 by default.
    /// </summary>
    public int BufferedBatches { get; set; } = 2;

    /// <summary>Receives batch events (before commit, after commit), for example to trace or to test crash points.</summary>
    public DataMoveObserver? Observer { get; set; }

    /// <summary>
    /// How long a run waits for its move's lock (see <see cref="Endpoints.IDataMoveLocking"/>) before it refuses with
    /// <see cref="DataMoveInProgressException"/>. The wait covers a run killed a moment ago, whose database session
    /// ends only when the server notices; a live run holding the move is not waited out. 10 seconds by default; zero
    /// refuses at once.
    /// </summary>
    public TimeSpan MoveLockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of the progress rows' timestamps and of the rates reported; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(RunsTable, nameof(RunsTable));
        ArgumentException.ThrowIfNullOrWhiteSpace(IdMapTable, nameof(IdMapTable));
        ArgumentException.ThrowIfNullOrWhiteSpace(RejectsTable, nameof(RejectsTable));
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferedBatches, 1, nameof(BufferedBatches));
        ArgumentOutOfRangeException.ThrowIfLessThan(MoveLockWait, TimeSpan.Zero, nameof(MoveLockWait));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
