namespace MigrationKit.Benchmarks.Support;

/// <summary>The database engine a benchmark runs on, a <c>[Params]</c> of every scenario.</summary>
public enum DatabaseEngine
{
    /// <summary>SQLite through Microsoft.Data.Sqlite, on a file (or in memory where the scenario says so).</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql, a throwaway database on the benchmark's server (see <see cref="PostgresServer"/>).</summary>
    PostgreSql,
}
