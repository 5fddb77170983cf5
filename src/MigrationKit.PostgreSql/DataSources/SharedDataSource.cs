using Npgsql;

namespace MigrationKit.PostgreSql;

/// <summary>One data source of <see cref="PostgreSqlSharedDataSources"/>, with its count of leases; guarded by that class's lock.</summary>
internal sealed class SharedDataSource(string origin, string connectionString, NpgsqlDataSource dataSource)
{
    /// <summary>The connection string the caller passed, normalized.</summary>
    public string Origin { get; } = origin;

    /// <summary>The connection string the data source was built from (the key).</summary>
    public string ConnectionString { get; } = connectionString;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>How many providers hold it.</summary>
    public int Leases { get; set; }

    /// <summary>Whether it was cleared or failed to connect: no new provider gets it, and the last lease disposes it.</summary>
    public bool Forgotten { get; set; }
}
