using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.Providers;
using MigrationKit.Specification;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Specification;

/// <summary>
/// The conformance suite on PostgreSQL through a role that signs in with a password: each database is owned by
/// <see cref="SecretRole"/> and reached with a connection string that carries its password (checked by the server with
/// SCRAM on the private cluster), so the bad-input fixture can assert that the password never leaks.
/// </summary>
public sealed class PostgreSqlSecretTarget : ISpecificationTarget, ISpecificationSecrets, ISpecificationIdentifierLimit
{
    public string ProviderName => "postgresql";

    public IReadOnlyCollection<string> Secrets => [SecretRole.Password];

    public int MaxIdentifierBytes => PostgreSqlMigrationOptions.MaxIdentifierBytes;

    public async Task<ISpecificationDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        await SecretRole.EnsureAsync();
        var name = "mk_secret_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER \"{SecretRole.Name}\"", admin);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Database(name, SecretRole.ConnectionString(name));
    }

    private sealed class Database(string name, string connectionString) : ISpecificationDatabase
    {
        public MigrationProvider CreateProvider() => new PostgreSqlMigrationProvider(connectionString, new PostgreSqlMigrationOptions());

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await command.ExecuteNonQueryAsync();
        }
    }
}
