using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace MigrationKit.Benchmarks.Support;

/// <summary>
/// One throwaway database of an <see cref="DatabaseEngine"/>, and the three ways the benchmarks reach it: a MigrationKit
/// runner, an EF Core context, and a plain ADO.NET connection.
/// </summary>
public abstract class BenchmarkDatabase : IDisposable
{
    /// <summary>The connection string of the database.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Creates an empty database on <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <returns>The database; dispose it to delete it.</returns>
    public static BenchmarkDatabase Create(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite => new SqliteFileDatabase(),
        DatabaseEngine.PostgreSql => new PostgreSqlDatabase(),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "No such engine."),
    };

    /// <summary>A MigrationKit runner builder pointed at the database.</summary>
    /// <returns>The builder.</returns>
    public abstract MigrationRunnerBuilder Runner();

    /// <summary>EF Core options pointed at the database.</summary>
    /// <typeparam name="TContext">The context.</typeparam>
    /// <returns>The options.</returns>
    public abstract DbContextOptions<TContext> EfOptions<TContext>()
        where TContext : DbContext;

    /// <summary>A new, closed ADO.NET connection to the database.</summary>
    /// <returns>The connection.</returns>
    public abstract DbConnection CreateConnection();

    /// <summary>Opens a new ADO.NET connection to the database.</summary>
    /// <returns>The open connection.</returns>
    public async Task<DbConnection> OpenAsync()
    {
        var connection = CreateConnection();
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Executes one statement on a new connection.</summary>
    /// <param name="sql">The statement.</param>
    /// <returns>A task that completes when it ran.</returns>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes every row of <paramref name="table"/> (SQLite: <c>DELETE</c>; PostgreSQL: <c>TRUNCATE</c>).</summary>
    /// <param name="table">The table.</param>
    /// <returns>A task that completes when the table is empty.</returns>
    public virtual Task EmptyTableAsync(string table) => ExecuteAsync($"DELETE FROM \"{table}\"");

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Deletes the database.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}
