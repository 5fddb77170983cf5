using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MigrationKit.Benchmarks.Support;

/// <summary>
/// A new, empty PostgreSQL database (<c>mkb_&lt;guid&gt;</c>) on the benchmark server (<see cref="PostgresServer"/>,
/// <c>fsync=off</c> for a private cluster), dropped <c>WITH (FORCE)</c> on dispose.
/// </summary>
/// <remarks>
/// MigrationKit, EF Core and raw ADO.NET all get their connections from one <see cref="NpgsqlDataSource"/> per database,
/// so every side reuses pooled physical connections alike: a runner built with a connection string owns a data source
/// of its own and would open a new physical connection per runner, which measures PostgreSQL's connection start-up
/// (a few milliseconds), not the tools.
/// </remarks>
public sealed class PostgreSqlDatabase : BenchmarkDatabase
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _name;

    /// <summary>Creates the database.</summary>
    public PostgreSqlDatabase()
    {
        _name = "mkb_" + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE \"{_name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = _name }.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <inheritdoc />
    public override string ConnectionString { get; }

    /// <inheritdoc />
    public override MigrationRunnerBuilder Runner() => new MigrationRunnerBuilder().UsePostgreSql(_dataSource);

    /// <inheritdoc />
    public override DbContextOptions<TContext> EfOptions<TContext>() =>
        new DbContextOptionsBuilder<TContext>().UseNpgsql(_dataSource).Options;

    /// <inheritdoc />
    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    /// <inheritdoc />
    public override Task EmptyTableAsync(string table) => ExecuteAsync($"TRUNCATE \"{table}\" RESTART IDENTITY CASCADE");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _dataSource.Dispose();
        Admin($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
