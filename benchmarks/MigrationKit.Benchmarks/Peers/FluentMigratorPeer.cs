using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Benchmarks.Chain;
using MigrationKit.Benchmarks.Support;

namespace MigrationKit.Benchmarks.Peers;

/// <summary>
/// FluentMigrator 8 set up as its documentation shows: a service collection with the runner core, the engine's
/// processor, the connection string and the assembly of the chain's migrations (<see cref="FluentChainMigration"/>)
/// and scripts. Building the service provider is FluentMigrator's "build a runner".
/// </summary>
/// <remarks>
/// FluentMigrator opens its own connection from the connection string (through the engine's ADO.NET factory), so on
/// PostgreSQL it uses Npgsql's pool for that string, not the benchmark database's data source; both are pooled.
/// </remarks>
public static class FluentMigratorPeer
{
    /// <summary>A new service provider holding a FluentMigrator runner for the database.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="connectionString">The database's connection string.</param>
    /// <returns>The provider; resolve <see cref="IMigrationRunner"/> in a scope of it.</returns>
    public static ServiceProvider Services(DatabaseEngine engine, string connectionString) =>
        new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => (engine == DatabaseEngine.Sqlite ? runner.AddSQLite() : runner.AddPostgres15_0())
                .WithGlobalConnectionString(connectionString)
                .ScanIn(ChainScripts.Assembly).For.Migrations().For.EmbeddedResources())
            .BuildServiceProvider(validateScopes: false);
}
