namespace MigrationKit.Benchmarks.Chain;

// Inside the namespace, so that FluentMigrator's Migration wins over MigrationKit's.
using FluentMigrator;
using MigrationKit.Benchmarks.Support;

/// <summary>
/// The FluentMigrator body of every chain migration: Up runs the migration's embedded script for the engine
/// (<see cref="ChainScripts"/>, MigrationKit's SQL, which DbUp and Evolve run too), Down the raw baseline's
/// <see cref="ChainSchema.DownStatements"/>. SQL rather than FluentMigrator's fluent API, so that every side runs
/// identical statements and the comparison measures the runners.
/// </summary>
/// <param name="number">The migration's number, which is also its version.</param>
public abstract class FluentChainMigration(int number) : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        IfDatabase(ProcessorIdConstants.SQLite).Execute.EmbeddedScript(ChainScripts.ResourceName(DatabaseEngine.Sqlite, number));
        IfDatabase(ProcessorIdConstants.PostgreSQL).Execute.EmbeddedScript(ChainScripts.ResourceName(DatabaseEngine.PostgreSql, number));
    }

    /// <inheritdoc />
    public override void Down()
    {
        foreach (var statement in ChainSchema.DownStatements(number))
        {
            Execute.Sql(statement);
        }
    }
}
