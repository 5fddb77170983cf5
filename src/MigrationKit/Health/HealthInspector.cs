using System.Data.Common;
using Microsoft.Extensions.Logging;
using MigrationKit.Diagnostics;
using MigrationKit.Execution;
using MigrationKit.Providers;

namespace MigrationKit.Health;

/// <summary>
/// Reads a database's health for <see cref="IMigrationRunner.GetHealthAsync"/>: on one session, the latency (the faster of
/// two trivial queries), the migration status as <see cref="IMigrationRunner.GetStatusAsync"/> reads it, and the
/// provider's <see cref="IDatabaseHealthReader"/>. A database that cannot be reached is a report, not an exception.
/// </summary>
internal sealed class HealthInspector(MigrationProvider provider, MigrationExecutor executor, HealthOptions options, TimeProvider time, ILogger logger)
{
    public async Task<DatabaseHealth> InspectAsync(CancellationToken cancellationToken)
    {
        var checkedAt = time.GetUtcNow();
        var reached = false;
        try
        {
            var health = await executor.WithSessionAsync(lockDatabase: false, async (session, history) =>
            {
                reached = true;
                var status = await executor.ReadStatusAsync(session, history, cancellationToken).ConfigureAwait(false);

                // Measured after the status read has warmed the connection and the driver's code paths up.
                var latency = await MeasureLatencyAsync(session, cancellationToken).ConfigureAwait(false);
                var facts = provider.HealthReader is { } reader
                    ? await reader.ReadAsync(session, options, cancellationToken).ConfigureAwait(false)
                    : new DatabaseHealth(provider.DisplayName, Reachable: true)
                    {
                        NotAvailable = [$"server version, size, tables, locks and statements: the {provider.Name} provider has no health reader (MigrationProvider.HealthReader)"],
                        SlowStatementsUnavailable = $"not available: the {provider.Name} provider has no health reader",
                    };
                var bookkeeping = executor.HistoryTables.ToHashSet();
                return facts with
                {
                    Database = provider.DisplayName,
                    Reachable = true,
                    CheckedAt = checkedAt,
                    Latency = latency,
                    CurrentVersion = status.CurrentVersion,
                    PendingVersions = status.Pending.Select(m => m.Version).ToArray(),
                    IncompleteVersions = status.Migrations.Where(m => m.State == MigrationState.Incomplete).Select(m => m.Version).ToArray(),
                    Tables = facts.Tables.Select(t => t with { IsBookkeeping = bookkeeping.Contains(t.Table) }).ToArray(),
                };
            }, cancellationToken).ConfigureAwait(false);
            Log.HealthRead(logger, provider.DisplayName, health.ToString());
            return health;
        }
        catch (MigrationConnectionException e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.HealthUnreachable(logger, e, provider.DisplayName);
            return new DatabaseHealth(provider.DisplayName, Reachable: false) { Error = e.Message, CheckedAt = checkedAt };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is DbException or MigrationKitException or InvalidOperationException or IOException or TimeoutException)
        {
            // A health check answers; it does not throw. Reachable says whether a session could be opened at all.
            Log.HealthReadFailed(logger, e, provider.DisplayName);
            var error = reached
                ? $"{provider.DisplayName} answered, but its health could not be read: {e.Message} Check that the account may read the catalogs and the migration history."
                : $"Could not open {provider.DisplayName}: {e.Message} Check that the path or server exists and is reachable.";
            return new DatabaseHealth(provider.DisplayName, reached) { Error = error, CheckedAt = checkedAt };
        }
    }

    // A trivial statement on the open connection: the round trip to the server, without connecting or planning work.
    // The faster of two, so that the first call's one-time costs in this process (code loading, JIT) are not counted.
    private async Task<TimeSpan> MeasureLatencyAsync(MigrationSession session, CancellationToken cancellationToken)
    {
        var command = session.CreateCommand("SELECT 1");
        await using (command.ConfigureAwait(false))
        {
            var fastest = TimeSpan.MaxValue;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var started = time.GetTimestamp();
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                var elapsed = time.GetElapsedTime(started);
                fastest = elapsed < fastest ? elapsed : fastest;
            }

            return fastest;
        }
    }
}
