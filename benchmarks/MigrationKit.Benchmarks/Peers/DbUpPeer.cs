using DbUp;
using DbUp.Engine;
using MigrationKit.Benchmarks.Chain;
using MigrationKit.Benchmarks.Support;

namespace MigrationKit.Benchmarks.Peers;

/// <summary>
/// DbUp 6 (dbup-sqlite 6.0.4, dbup-postgresql 7.0.1) running the chain's embedded scripts (<see cref="ChainScripts"/>),
/// one transaction per script, no log output. DbUp has no target version, so "apply the first n" is the first n
/// scripts; it has no Down.
/// </summary>
/// <remarks>DbUp opens its connections from the connection string: on PostgreSQL, Npgsql's pool for that string.</remarks>
public static class DbUpPeer
{
    /// <summary>A new upgrade engine for the first <paramref name="count"/> migrations of the chain.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="connectionString">The database's connection string.</param>
    /// <param name="count">How many migrations, from the first.</param>
    /// <returns>The upgrade engine.</returns>
    public static UpgradeEngine Create(DatabaseEngine engine, string connectionString, int count) =>
        (engine == DatabaseEngine.Sqlite ? DeployChanges.To.SqliteDatabase(connectionString) : DeployChanges.To.PostgresqlDatabase(connectionString))
            .WithScriptsEmbeddedInAssembly(ChainScripts.Assembly, name => ChainScripts.IsAmongFirst(engine, count, name))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

    /// <summary>Runs <paramref name="upgrade"/> and returns how many scripts it ran.</summary>
    /// <param name="upgrade">The upgrade engine.</param>
    /// <returns>The number of scripts run.</returns>
    /// <exception cref="InvalidOperationException">The upgrade failed.</exception>
    public static int Run(UpgradeEngine upgrade)
    {
        ArgumentNullException.ThrowIfNull(upgrade);
        var result = upgrade.PerformUpgrade();
        return result.Successful ? result.Scripts.Count() : throw new InvalidOperationException("DbUp failed.", result.Error);
    }
}
