using MigrationKit.Operations;

namespace MigrationKit.History;

/// <summary>Where the history, journal and runs tables live.</summary>
public sealed class MigrationHistoryOptions
{
    /// <summary>The history table (one row per applied migration). Default <c>__migrationkit_history</c>.</summary>
    public QualifiedName HistoryTable { get; set; } = new("__migrationkit_history");

    /// <summary>The journal table (one row per step taken). Default <c>__migrationkit_journal</c>.</summary>
    public QualifiedName JournalTable { get; set; } = new("__migrationkit_journal");

    /// <summary>
    /// The runs table (one row per run that took the lock and did something or failed). Default
    /// <c>__migrationkit_runs</c>; created with the other two, or on the next such run of a database created without it.
    /// </summary>
    public QualifiedName RunsTable { get; set; } = new("__migrationkit_runs");

    /// <summary>
    /// The table that records the checksum each repeatable SQL-file migration (<c>R__{name}.sql</c>) last ran with.
    /// Created only when a runner has repeatable migrations. Default <c>__migrationkit_repeatable</c>.
    /// </summary>
    public QualifiedName RepeatableTable { get; set; } = new("__migrationkit_repeatable");
}
