using MigrationKit.Operations;

namespace MigrationKit.History;

/// <summary>Where the history and journal tables live.</summary>
public sealed class MigrationHistoryOptions
{
    /// <summary>The history table (one row per applied migration). Default <c>__migrationkit_history</c>.</summary>
    public QualifiedName HistoryTable { get; set; } = new("__migrationkit_history");

    /// <summary>The journal table (one row per step taken). Default <c>__migrationkit_journal</c>.</summary>
    public QualifiedName JournalTable { get; set; } = new("__migrationkit_journal");
}
