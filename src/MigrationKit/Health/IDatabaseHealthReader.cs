using MigrationKit.Providers;

namespace MigrationKit.Health;

/// <summary>
/// Reads what a database says about its own health. A provider returns one from
/// <see cref="MigrationProvider.HealthReader"/>; <see cref="IMigrationRunner.GetHealthAsync"/> calls it once, then adds the
/// round-trip latency and the migration state, which it measures and reads itself.
/// </summary>
public interface IDatabaseHealthReader
{
    /// <summary>
    /// Reads the server version, the database size, every user table's rows and sizes, and what the engine can tell of
    /// lock waits, open transactions and slow statements, naming in <see cref="DatabaseHealth.NotAvailable"/> each part
    /// it cannot read and why. Few round trips: the built-in PostgreSQL reader takes one, and a second only to read
    /// <c>pg_stat_statements</c> when it is installed.
    /// </summary>
    /// <param name="session">An open session, outside any transaction.</param>
    /// <param name="options">How much to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The facts, with <see cref="DatabaseHealth.Reachable"/> set.</returns>
    Task<DatabaseHealth> ReadAsync(MigrationSession session, HealthOptions options, CancellationToken cancellationToken = default);
}
