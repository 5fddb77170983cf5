using System.Data.Common;
using System.Globalization;
using EvolveDb.Configuration;
using EvolveDb.Dialect;
using EvolveDb.Migration;
using MigrationKit.Benchmarks.Chain;
using MigrationKit.Benchmarks.Support;

namespace MigrationKit.Benchmarks.Peers;

/// <summary>
/// Evolve 3.2 running the chain's embedded scripts (<see cref="ChainScripts"/>) up to a target version, one transaction
/// per script (<see cref="TransactionKind.CommitEach"/>, its default), no log output. Evolve verifies the checksums of
/// applied scripts on every run, as MigrationKit does; it has no Down.
/// </summary>
public static class EvolvePeer
{
    /// <summary>Migrates the database behind <paramref name="connection"/> to migration <paramref name="count"/>.</summary>
    /// <param name="connection">A connection to the database (Evolve opens it if needed).</param>
    /// <param name="engine">The engine.</param>
    /// <param name="count">The target version.</param>
    /// <returns>How many migrations Evolve applied.</returns>
    public static int Migrate(DbConnection connection, DatabaseEngine engine, int count)
    {
        var evolve = new EvolveDb.Evolve(connection, static _ => { }, engine == DatabaseEngine.Sqlite ? DBMS.SQLite : DBMS.PostgreSQL)
        {
            EmbeddedResourceAssemblies = [ChainScripts.Assembly],
            EmbeddedResourceFilters = [ChainScripts.ResourcePrefix(engine)],
            TargetVersion = new MigrationVersion(count.ToString(CultureInfo.InvariantCulture)),
            TransactionMode = TransactionKind.CommitEach,
            IsEraseDisabled = true,
        };
        evolve.Migrate();
        return evolve.NbMigration;
    }
}
