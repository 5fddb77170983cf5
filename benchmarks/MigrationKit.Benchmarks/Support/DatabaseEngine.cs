namespace MigrationKit.Benchmarks.Support;

/// <summary>
/// The database engine a benchmark runs on, a <c>[Params]</c> of every scenario. Only SQLite today; PostgreSQL
/// becomes a second value (and a <see cref="BenchmarkDatabase"/> subclass) once its provider is merged.
/// </summary>
public enum DatabaseEngine
{
    /// <summary>SQLite through Microsoft.Data.Sqlite, on a file (or in memory where the scenario says so).</summary>
    Sqlite,
}
