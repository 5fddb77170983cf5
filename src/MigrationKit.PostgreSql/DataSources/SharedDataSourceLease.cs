using Npgsql;

namespace MigrationKit.PostgreSql;

/// <summary>A provider's hold on a shared data source: releasing it never disposes a data source other runners may use.</summary>
internal sealed class SharedDataSourceLease
{
    private readonly SharedDataSource _shared;
    private int _released;

    internal SharedDataSourceLease(SharedDataSource shared) => _shared = shared;

    public NpgsqlDataSource DataSource => _shared.DataSource;

    /// <summary>Forgets the data source after its connection failed, so that the next runner builds a new one.</summary>
    public void ForgetAfterFailure() => PostgreSqlSharedDataSources.Forget(_shared);

    /// <summary>Ends the lease (once); returns the data source when the caller must dispose it (forgotten, and this was its last lease).</summary>
    /// <returns>The data source to dispose, or <see langword="null"/>.</returns>
    public NpgsqlDataSource? Release() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? PostgreSqlSharedDataSources.Release(_shared) : null;
}
